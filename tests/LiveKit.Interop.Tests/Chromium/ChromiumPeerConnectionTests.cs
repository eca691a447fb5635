using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Interop.Tests.Media;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Sdp;
using LiveKit.WebRtc.Srtp;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Our <see cref="PeerConnection"/> against Chromium 156: both offer directions (so both DTLS roles, Chromium's DTLS 1.3
/// ClientHello included when it is the client), each SRTP profile, Opus both ways, and a tampered fingerprint.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumPeerConnectionTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public ChromiumPeerConnectionTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Theory]
    [MemberData(nameof(InteropCases.OfferDirectionsAndProfiles), MemberType = typeof(InteropCases))]
    public async Task Opus_flows_both_ways(bool weOffer, SrtpProtectionProfile profile)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer chromium = await _browser.CreatePeerAsync(weOffer ? "answerer" : "offerer", cancellationToken: ct);
        await using var connection = new PeerConnection(Options(profile));
        await chromium.AddFakeMicrophoneAsync(ct);
        RtpTransceiver audio = connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);

        var signaling = new ManagedToChromiumSignaling(connection, chromium, ct);
        Task connected = PeerConnectionWaits.WhenConnectedAsync(connection, ct);
        await NegotiateAsync(connection, chromium, signaling, weOffer, rewriteForUs: null, ct);
        await connected;
        await chromium.WaitForConnectionStateAsync(PeerConnectionState.Connected, ct);
        await signaling.Completion;

        // Chromium's fake microphone reaches us, authenticated, in sequence, and decodes.
        int samples = await OpusStreamCheck.ReceiveAsync(audio.Receiver, 50, ct);
        Assert.Equal(50 * 960, samples);

        // Our tone reaches Chromium and its decoder plays it.
        await using (OpusToneSender tone = OpusToneSender.Start(audio.Sender))
        {
            ChromiumStats heard = await chromium.WaitForStatsAsync(
                s => s.InboundAudio.Any(a => a.PacketsReceived >= 25 && a.TotalSamplesReceived > 0), ct);
            InboundRtpStats inbound = heard.InboundAudio.Single();
            _output.WriteLine($"Chromium inbound: {inbound}; transport: {heard.Transport}");
            Assert.Equal("audio/opus", inbound.CodecMimeType);
            Assert.Equal(audio.Sender.Ssrc, inbound.Ssrc);
            Assert.Equal(weOffer ? "client" : "server", heard.Transport?.DtlsRole);

            // As client Chromium offers DTLS 1.3 in a ClientHello fragmented over two datagrams; we settle on 1.2.
            Assert.Equal("FEFD", heard.Transport?.TlsVersion);
            Assert.Equal(profile == SrtpProtectionProfile.AeadAes128Gcm ? "SRTP_AEAD_AES_128_GCM" : "SRTP_AES128_CM_HMAC_SHA1_80", heard.Transport?.SrtpCipher);
        }

        PeerConnectionStats stats = connection.GetStats();
        _output.WriteLine($"ours: {stats}");
        Assert.Equal(profile, stats.SrtpProfile);
        Assert.Equal(weOffer ? "server" : "client", stats.DtlsRole);
        Assert.Equal(0, stats.Dropped[PacketDropReason.AuthenticationFailed]);
        Assert.Equal(0, stats.Dropped[PacketDropReason.UnknownSsrc]);
        Assert.Equal(IPAddress.Loopback, stats.RemoteAddress?.Address);
    }

    [Fact]
    public async Task A_tampered_fingerprint_fails_with_the_fingerprint_error_and_no_media_flows()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer chromium = await _browser.CreatePeerAsync("tampered", cancellationToken: ct);
        await using var connection = new PeerConnection(Options(SrtpProtectionProfile.Aes128CmHmacSha1_80));
        await chromium.AddFakeMicrophoneAsync(ct);
        RtpTransceiver audio = connection.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        Task failed = PeerConnectionWaits.WhenStateAsync(connection, PeerConnectionState.Failed, ct);
        var signaling = new ManagedToChromiumSignaling(connection, chromium, ct);
        await NegotiateAsync(connection, chromium, signaling, weOffer: true, rewriteForUs: TamperFingerprint, ct);
        await failed;

        DtlsFingerprintMismatchException error = Assert.IsType<DtlsFingerprintMismatchException>(connection.FailureReason);
        _output.WriteLine(error.Message);
        Assert.Contains("fingerprint", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(audio.Sender.SendRtp(new byte[] { 0xF8, 0xFF, 0xFE }, 0, false));
        Assert.Equal(0, connection.GetStats().PacketsReceived);
        Assert.Equal(0, audio.Receiver.PacketsReceived);
    }

    private static PeerConnectionOptions Options(SrtpProtectionProfile profile) => new()
    {
        HostAddresses = new[] { IPAddress.Loopback },
        SrtpProfiles = new[] { profile },
    };

    private static async Task NegotiateAsync(
        PeerConnection connection,
        ChromiumPeer chromium,
        ManagedToChromiumSignaling signaling,
        bool weOffer,
        Func<string, string>? rewriteForUs,
        CancellationToken ct)
    {
        if (weOffer)
        {
            SessionDescriptionInit offer = await connection.CreateOfferAsync(ct);
            await connection.SetLocalDescriptionAsync(offer, ct);
            await chromium.SetRemoteDescriptionAsync(offer, ct);
            signaling.ChromiumHasRemoteDescription();
            SessionDescriptionInit answer = await chromium.CreateAnswerAsync(cancellationToken: ct);
            await connection.SetRemoteDescriptionAsync(answer with { Sdp = rewriteForUs?.Invoke(answer.Sdp) ?? answer.Sdp }, ct);
        }
        else
        {
            SessionDescriptionInit offer = await chromium.CreateOfferAsync(cancellationToken: ct);
            await connection.SetRemoteDescriptionAsync(offer with { Sdp = rewriteForUs?.Invoke(offer.Sdp) ?? offer.Sdp }, ct);
            SessionDescriptionInit answer = await connection.CreateAnswerAsync(ct);
            await connection.SetLocalDescriptionAsync(answer, ct);
            await chromium.SetRemoteDescriptionAsync(answer, ct);
            signaling.ChromiumHasRemoteDescription();
        }
    }

    /// <summary>Flips one hex digit of every a=fingerprint line.</summary>
    internal static string TamperFingerprint(string sdp)
    {
        string[] lines = sdp.Split("\r\n");
        for (int i = 0; i < lines.Length; i++)
        {
            const string Prefix = "a=fingerprint:sha-256 ";
            if (lines[i].StartsWith(Prefix, StringComparison.Ordinal))
            {
                char first = lines[i][Prefix.Length];
                lines[i] = Prefix + (first == 'A' ? 'B' : 'A') + lines[i][(Prefix.Length + 1)..];
            }
        }

        return string.Join("\r\n", lines);
    }
}
