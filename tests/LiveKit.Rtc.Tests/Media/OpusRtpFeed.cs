using System;
using System.Buffers.Binary;
using System.Diagnostics;
using LiveKit.Media.Codecs.Opus;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Rtp;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.Rtc.Tests.Media;

/// <summary>
/// A subscribed remote audio track without a network: a real <see cref="RtpReceiver"/> inside a
/// <see cref="RemoteAudioTrack"/>, fed 20 ms Opus packets of a 440 Hz tone (48 kHz mono) as the connection's receive
/// path feeds it (a pooled packet, parse, <c>ReceivedRtpPacket.Fill</c>, <c>RtpReceiver.Deliver</c>), in any order the
/// test chooses: for stepping an <see cref="AudioStream"/> by hand.
/// </summary>
internal sealed class OpusRtpFeed : IDisposable
{
    private const int SamplesPerPacket = 960;
    private const uint Ssrc = 0x0A0D_1050;
    private readonly OpusEncoder _encoder = new(48_000, 1, OpusApplication.Audio) { InbandFec = true, ExpectedPacketLossPercent = 10 };
    private readonly RtpReceiveSource _source;

    public OpusRtpFeed(int capacity = 512)
    {
        Receiver = new RtpReceiver(null!, MediaKind.Audio, capacity) { Codecs = [RtpCodec.Opus] };
        var transceiver = new RtpTransceiver(MediaKind.Audio, SdpMediaDirection.RecvOnly, Receiver.Codecs, new RtpSender(null!, MediaKind.Audio, new Random(1)), Receiver);
        Track = new RemoteAudioTrack("TR_feed", "feed", transceiver);
        _source = Receiver.Bind(Ssrc, rid: null);
    }

    public RtpReceiver Receiver { get; }

    public RemoteAudioTrack Track { get; }

    /// <summary>Encodes and delivers packet number <paramref name="index"/> (sequence number and timestamp follow from it).</summary>
    public void Deliver(int index)
    {
        short[] pcm = new short[SamplesPerPacket];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(8_000 * Math.Sin(2 * Math.PI * 440 * ((long)index * SamplesPerPacket + i) / 48_000));
        }

        byte[] payload = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        int length = _encoder.Encode(pcm, payload);
        ReceivedRtpPacket received = ReceivedRtpPacket.Rent();
        byte[] buffer = received.Storage;
        buffer[0] = 0x80;
        buffer[1] = (byte)RtpCodec.Opus.PayloadType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(1_000 + index));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), (uint)(5_000 + index * SamplesPerPacket));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), Ssrc);
        payload.AsSpan(0, length).CopyTo(buffer.AsSpan(12));
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, 12 + length), out RtpPacket packet));
        received.Fill(packet, Stopwatch.GetTimestamp(), rid: null);
        Receiver.Deliver(_source, received, Stopwatch.Frequency);
    }

    /// <summary>Ends the receiver's packets, as a closing connection does.</summary>
    public void Complete() => Receiver.Complete();

    public void Dispose() => _encoder.Dispose();
}
