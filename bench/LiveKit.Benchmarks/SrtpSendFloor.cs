using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.Benchmarks;

/// <summary>
/// The naive floor of forwarding one RTP packet: write the sequence number into a prebuilt RTP header, SRTP-protect the
/// packet with <see cref="SrtpContext"/> (AEAD_AES_128_GCM, the profile our PeerConnections negotiate with each other)
/// and send it with one <c>sendto</c> on 127.0.0.1, from an unconnected socket to an address serialized once, as ICE's
/// media path does. Nothing else: no receive, no unprotect, no per-leg rewriting, no RTCP, no signalling. The
/// destination is a bound socket that nobody reads: the kernel still runs its UDP receive path for each datagram in the
/// sender's system time (and drops it at the full queue), the same kernel work a forwarded packet costs its sender; the
/// copy out to a reader is the subscriber's cost, as it is for the server.
/// </summary>
internal static class SrtpSendFloor
{
    /// <summary>
    /// The header a forwarded audio leg carries: 12 octets, then a one-byte-form extension block (RFC 8285 §4.2) of two
    /// words holding <c>sdes:mid</c> (one octet) and <c>ssrc-audio-level</c> (RFC 6464), padded: 24 octets.
    /// </summary>
    public const int HeaderLength = 24;

    /// <summary>
    /// Protects and sends <paramref name="packets"/> packets of a <see cref="HeaderLength"/>-octet header and a
    /// <paramref name="payloadLength"/>-octet payload in a tight loop on this thread; returns the process CPU time
    /// (<see cref="ProcessCpuTime"/>) per packet. The process should be otherwise idle.
    /// </summary>
    public static TimeSpan MeasurePerPacket(int packets, int payloadLength)
    {
        var random = new Random(7);
        byte[] key = new byte[16];
        byte[] salt = new byte[12];
        random.NextBytes(key);
        random.NextBytes(salt);
        using var context = new SrtpContext(SrtpProtectionProfile.AeadAes128Gcm, key, salt);

        byte[] packet = new byte[HeaderLength + payloadLength + context.RtpOverhead];
        packet[0] = 0x90; // RTP version 2, extension present (RFC 3550 §5.1)
        packet[1] = 111;  // Opus's usual dynamic payload type
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234_5678);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12), 0xBEDE); // one-byte form
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14), 2);      // two 32-bit words follow
        packet[16] = 0x40; // id 4, one octet: the mid
        packet[17] = (byte)'0';
        packet[18] = 0x10; // id 1, one octet: the audio level
        packet[19] = 90;   // -90 dBov, no voice activity
        random.NextBytes(packet.AsSpan(HeaderLength, payloadLength));
        int length = HeaderLength + payloadLength;

        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        SocketAddress destination = sink.LocalEndPoint!.Serialize();

        // Warm up: tier-1 code and the socket's path before measuring.
        Send(context, sender, destination, packet, length, 20_000, 0);

        TimeSpan before = ProcessCpuTime.ReadCurrent();
        Send(context, sender, destination, packet, length, packets, 20_000);
        TimeSpan after = ProcessCpuTime.ReadCurrent();
        return (after - before) / packets;
    }

    private static void Send(SrtpContext context, Socket sender, SocketAddress destination, byte[] packet, int length, int count, int firstIndex)
    {
        for (int i = 0; i < count; i++)
        {
            int index = firstIndex + i;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)index);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)index * 960);
            if (context.ProtectRtp(packet, length, out int protectedLength) != SrtpStatus.Ok)
            {
                throw new InvalidOperationException("SRTP protect failed.");
            }

            sender.SendTo(packet.AsSpan(0, protectedLength), SocketFlags.None, destination);
        }
    }
}
