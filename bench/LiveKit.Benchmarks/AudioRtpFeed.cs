using System;
using System.Buffers.Binary;
using System.Diagnostics;
using LiveKit.Rtc;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Rtp;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.Benchmarks;

/// <summary>
/// A subscribed remote audio track without a network: a real <see cref="RtpReceiver"/> (with the queue capacity a
/// PeerConnection gives it, 512) inside a <see cref="RemoteAudioTrack"/>, fed Opus packets the way
/// <c>PeerConnection.OnSrtp</c> feeds it once SRTP is removed: the datagram copied into a pooled packet's buffer
/// (<c>ReceivedRtpPacket.Rent</c>), parsed (<see cref="RtpPacket.TryParse"/>), described
/// (<c>ReceivedRtpPacket.Fill</c>) and delivered (<c>RtpReceiver.Deliver</c>: receive statistics, then the bounded
/// channel). An <see cref="AudioStream"/> on <see cref="Track"/> then runs exactly as it does in a room.
/// </summary>
/// <remarks>
/// Each datagram has a 12-octet header and the RFC 6464 audio-level extension the SDK's sender adds (one-byte form,
/// RFC 8285), like the packets the test server forwards. The receiver has no PeerConnection behind it: only a queue
/// overflow (a dropped packet is counted on the connection) or a PLI/NACK would need one, and the benchmarks never let
/// more than the capacity wait.
/// </remarks>
internal sealed class AudioRtpFeed
{
    /// <summary>What a PeerConnection gives a receiver by default (PeerConnectionOptions.ReceiveQueueCapacity).</summary>
    public const int ReceiverCapacity = 512;

    private const int HeaderLength = 12;
    private const int ExtensionLength = 8; // 0xBEDE, length 1 word, one element of one octet, 2 octets of padding
    private const uint Ssrc = 0x5EED_A0D1;

    private readonly byte[][] _datagrams;
    private readonly RtpReceiveSource _source;
    private ushort _sequence = 1_000;
    private uint _timestamp = 123_456;
    private int _next;

    /// <summary>Prepares the datagrams of <paramref name="payloads"/> (sent in a loop, sequence numbers going on).</summary>
    public AudioRtpFeed(byte[][] payloads)
    {
        _datagrams = new byte[payloads.Length][];
        for (int i = 0; i < payloads.Length; i++)
        {
            byte[] datagram = new byte[HeaderLength + ExtensionLength + payloads[i].Length];
            datagram[0] = 0x90; // version 2, extension bit
            datagram[1] = (byte)RtpCodec.Opus.PayloadType;
            BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(8), Ssrc);
            BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(12), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(14), 1);
            datagram[16] = 1 << 4; // id 1, one octet
            datagram[17] = 0x80 | 30; // voice, -30 dBov
            payloads[i].CopyTo(datagram, HeaderLength + ExtensionLength);
            _datagrams[i] = datagram;
        }

        Receiver = new RtpReceiver(null!, MediaKind.Audio, ReceiverCapacity)
        {
            Codecs = [RtpCodec.Opus],
        };
        var transceiver = new RtpTransceiver(MediaKind.Audio, SdpMediaDirection.RecvOnly, Receiver.Codecs, new RtpSender(null!, MediaKind.Audio, new Random(1)), Receiver);
        Track = new RemoteAudioTrack("TR_bench", "bench", transceiver);
        _source = Receiver.Bind(Ssrc, rid: null);
    }

    /// <summary>The receiver the packets go to.</summary>
    public RtpReceiver Receiver { get; }

    /// <summary>The track to open an <see cref="AudioStream"/> on.</summary>
    public RemoteAudioTrack Track { get; }

    /// <summary>Delivers the next packet (the payloads in a loop; sequence number and timestamp go on).</summary>
    public void DeliverNext()
    {
        byte[] datagram = _datagrams[_next];
        _next = (_next + 1) % _datagrams.Length;
        ReceivedRtpPacket received = ReceivedRtpPacket.Rent();
        byte[] buffer = received.Storage;
        datagram.CopyTo(buffer, 0);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), _timestamp);
        _timestamp += AudioOpusPackets.SamplesPerPacket;
        if (!RtpPacket.TryParse(buffer.AsSpan(0, datagram.Length), out RtpPacket packet))
        {
            throw new InvalidOperationException("The benchmark's RTP datagram does not parse.");
        }

        received.Fill(packet, Stopwatch.GetTimestamp(), _source.Rid);
        Receiver.Deliver(_source, received, Stopwatch.Frequency);
    }
}
