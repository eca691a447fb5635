using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Chromium;
using LiveKit.Interop.Tests.Media;
using LiveKit.Media.Codecs.Opus;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Sdp;
using LiveKit.WebRtc.Srtp;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// Our <see cref="PeerConnection"/> against pion 3.1.56, the stack the LiveKit server is built on: both offer
/// directions (pion answers active, and so do we, so each side is DTLS client once), each SRTP profile, Opus both
/// ways, and a tampered fingerprint.
/// </summary>
public sealed class PionPeerConnectionTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly ITestOutputHelper _output;

    public PionPeerConnectionTests(ITestOutputHelper output)
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _output = output;
    }

    [Theory]
    [MemberData(nameof(InteropCases.OfferDirectionsAndProfiles), MemberType = typeof(InteropCases))]
    public async Task Opus_flows_both_ways(bool weOffer, SrtpProtectionProfile profile)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer pion = await PionPeer.StartAsync(_output.WriteLine, ct);
        await pion.ConfigureAsync(new PionPeerOptions { SrtpProfiles = new[] { ProfileName(profile) }, SendFrames = EncodeTone(50) }, ct);
        await using var connection = new PeerConnection(Options(profile));
        RtpTransceiver audio = connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        Task signaling = TrickleAsync(connection, pion, ct);

        await NegotiateAsync(connection, pion, weOffer, rewriteForUs: null, ct);
        await Task.WhenAll(
            PeerConnectionWaits.WhenConnectedAsync(connection, ct),
            pion.WaitForStateAsync(PionConnectionState.Connected, TestTimeout, ct));

        // pion's Opus reaches us, authenticated, in sequence, and decodes.
        Assert.Equal(50 * 960, await OpusStreamCheck.ReceiveAsync(audio.Receiver, 50, ct));

        // Our tone reaches pion in sequence, under our SSRC, and what pion received decodes to sound.
        await using (OpusToneSender tone = OpusToneSender.Start(audio.Sender))
        {
            await pion.WaitForPacketsAsync(50, TestTimeout, ct);
        }

        PionStats stats = await pion.GetStatsAsync(ct);
        _output.WriteLine($"pion: {stats}");
        Assert.Equal(0, stats.SequenceGaps);
        Assert.Equal(audio.Sender.Ssrc, stats.Ssrc);
        Assert.Equal(111, stats.PayloadType);
        Assert.Equal(ProfileName(profile), stats.SrtpProfile);
        Assert.True(RootMeanSquare(await pion.GetPayloadsAsync(ct)) > 1000, "pion received silence");

        PeerConnectionStats ours = connection.GetStats();
        _output.WriteLine($"ours: {ours}");
        Assert.Equal(profile, ours.SrtpProfile);
        Assert.Equal(weOffer ? "server" : "client", ours.DtlsRole);
        Assert.Equal(0, ours.Dropped[PacketDropReason.AuthenticationFailed]);
        Assert.Equal(IPAddress.Loopback, ours.RemoteAddress?.Address);
        await signaling;
    }

    [Fact]
    public async Task A_tampered_fingerprint_fails_with_the_fingerprint_error_and_no_media_flows()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer pion = await PionPeer.StartAsync(_output.WriteLine, ct);
        await pion.ConfigureAsync(new PionPeerOptions(), ct);
        await using var connection = new PeerConnection(Options(SrtpProtectionProfile.Aes128CmHmacSha1_80));
        RtpTransceiver audio = connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        _ = TrickleAsync(connection, pion, ct);
        Task failed = PeerConnectionWaits.WhenStateAsync(connection, PeerConnectionState.Failed, ct);

        await NegotiateAsync(connection, pion, weOffer: true, ChromiumPeerConnectionTests.TamperFingerprint, ct);
        await failed;

        DtlsFingerprintMismatchException error = Assert.IsType<DtlsFingerprintMismatchException>(connection.FailureReason);
        _output.WriteLine(error.Message);
        Assert.Equal(0, audio.Receiver.PacketsReceived);
        Assert.False(audio.Sender.SendRtp(new byte[] { 0xF8, 0xFF, 0xFE }, 0, false));
        Assert.Equal(0, (await pion.GetStatsAsync(ct)).PacketsReceived);
    }

    private static PeerConnectionOptions Options(SrtpProtectionProfile profile) => new()
    {
        HostAddresses = new[] { IPAddress.Loopback },
        SrtpProfiles = new[] { profile },
    };

    private static string ProfileName(SrtpProtectionProfile profile) =>
        profile == SrtpProtectionProfile.AeadAes128Gcm ? "SRTP_AEAD_AES_128_GCM" : "SRTP_AES128_CM_HMAC_SHA1_80";

    private static async Task NegotiateAsync(
        PeerConnection connection, PionPeer pion, bool weOffer, Func<string, string>? rewriteForUs, CancellationToken ct)
    {
        if (weOffer)
        {
            SessionDescriptionInit offer = await connection.CreateOfferAsync(ct);
            await connection.SetLocalDescriptionAsync(offer, ct);
            await pion.SetRemoteAsync(PionSdpType.Offer, offer.Sdp, ct);
            string answer = await pion.CreateAnswerAsync(ct);
            await connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Answer, rewriteForUs?.Invoke(answer) ?? answer), ct);
        }
        else
        {
            string offer = await pion.CreateOfferAsync(ct);
            await connection.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, rewriteForUs?.Invoke(offer) ?? offer), ct);
            SessionDescriptionInit answer = await connection.CreateAnswerAsync(ct);
            await connection.SetLocalDescriptionAsync(answer, ct);
            await pion.SetRemoteAsync(PionSdpType.Answer, answer.Sdp, ct);
        }
    }

    /// <summary>Our candidates to pion (it holds them until it has a remote description) and pion's to us.</summary>
    private static Task TrickleAsync(PeerConnection connection, PionPeer pion, CancellationToken ct)
    {
        var ours = Channel.CreateUnbounded<IceCandidateInit>();
        connection.IceCandidateGathered += c => ours.Writer.TryWrite(c);
        async Task ToPionAsync()
        {
            await foreach (IceCandidateInit candidate in ours.Reader.ReadAllAsync(ct))
            {
                if (candidate.IsEndOfCandidates)
                {
                    return;
                }

                await pion.AddCandidateAsync(new PionCandidate(candidate.Candidate, candidate.SdpMid, candidate.SdpMLineIndex), ct);
            }
        }

        async Task FromPionAsync()
        {
            await foreach (PionCandidate candidate in pion.Candidates.ReadAllAsync(ct))
            {
                connection.AddIceCandidate(new IceCandidateInit(candidate.Candidate, candidate.SdpMid, candidate.SdpMLineIndex, null));
            }
        }

        return Task.WhenAll(ToPionAsync(), FromPionAsync());
    }

    /// <summary>Frames of a 440 Hz tone, libopus-encoded, for pion to send.</summary>
    private static IReadOnlyList<byte[]> EncodeTone(int frames)
    {
        using var encoder = new OpusEncoder(OpusToneSender.SampleRate, 1, OpusApplication.Audio);
        var packets = new List<byte[]>();
        short[] pcm = new short[OpusToneSender.FrameSamples];
        byte[] packet = new byte[OpusEncoder.RecommendedMaxPacketBytes];
        for (int f = 0; f < frames; f++)
        {
            OpusToneSender.FillTone(pcm, (long)f * OpusToneSender.FrameSamples);
            packets.Add(packet.AsSpan(0, encoder.Encode(pcm, packet)).ToArray());
        }

        return packets;
    }

    /// <summary>The RMS of the decoded payloads, skipping the first frames while the decoder settles.</summary>
    private static double RootMeanSquare(IReadOnlyList<byte[]> payloads)
    {
        using var decoder = new OpusDecoder(48000, 1);
        short[] pcm = new short[5760];
        double sum = 0;
        long count = 0;
        foreach (byte[] payload in payloads.Skip(5))
        {
            int samples = decoder.Decode(payload, pcm);
            foreach (short sample in pcm.AsSpan(0, samples))
            {
                sum += (double)sample * sample;
            }

            count += samples;
        }

        Assert.True(count > 0, "pion kept no payloads");
        return Math.Sqrt(sum / count);
    }
}
