using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Sdp;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// The harness itself, Chromium against Chromium: two pages signalled through C# connect on 127.0.0.1 and the
/// offerer's fake microphone is heard at the answerer. If these fail, no Chromium interop test can pass.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumHarnessTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;

    public ChromiumHarnessTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    [Fact]
    public async Task TwoPagesConnectOnLoopbackAndTheOfferersMicrophoneIsHeardAtTheAnswerer()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        _output.WriteLine($"Chromium {_browser.Version}: driver {_browser.DriverStartTime.TotalMilliseconds:0} ms, launch {_browser.LaunchTime.TotalMilliseconds:0} ms, page {_browser.PageAddress}");

        var clock = Stopwatch.StartNew();
        ChromiumPeer[] peers = await Task.WhenAll(
            _browser.CreatePeerAsync("offerer", cancellationToken: ct), _browser.CreatePeerAsync("answerer", cancellationToken: ct));
        await using ChromiumPeer offerer = peers[0];
        await using ChromiumPeer answerer = peers[1];
        TimeSpan pagesOpened = clock.Elapsed;
        await offerer.AddFakeMicrophoneAsync(ct);

        clock.Restart();
        Task<TimeSpan> connected = WhenAsync(clock, Task.WhenAll(
            offerer.WaitForConnectionStateAsync(PeerConnectionState.Connected, ct),
            answerer.WaitForConnectionStateAsync(PeerConnectionState.Connected, ct)));
        await ChromiumSignaling.NegotiateAsync(offerer, answerer, cancellationToken: ct);
        TimeSpan trickled = clock.Elapsed;
        TimeSpan bothConnected = await connected;

        ChromiumStats heard = await answerer.WaitForStatsAsync(
            s => s.InboundAudio.Any(a => a.PacketsReceived > 0 && a.TotalSamplesReceived > 0), ct);
        TimeSpan audio = clock.Elapsed;
        ChromiumStats sent = await offerer.GetStatsAsync(ct);
        _output.WriteLine($"two pages (in parallel) {pagesOpened.TotalMilliseconds:0} ms; from createOffer: both connected " +
            $"{bothConnected.TotalMilliseconds:0} ms, all candidates trickled {trickled.TotalMilliseconds:0} ms, " +
            $"audio decoded at the answerer {audio.TotalMilliseconds:0} ms");

        InboundRtpStats inbound = heard.InboundAudio.Single();
        _output.WriteLine($"answerer inbound: {inbound}");
        _output.WriteLine($"offerer outbound: {string.Join("; ", sent.Outbound)}");
        Assert.Equal("audio/opus", inbound.CodecMimeType);
        Assert.True(inbound.BytesReceived > 0);
        Assert.True(inbound.JitterBufferEmittedCount > 0, $"jitterBufferEmittedCount {inbound.JitterBufferEmittedCount}");
        Assert.True(sent.OutboundAudio.Single().PacketsSent > 0);

        foreach ((ChromiumPeer peer, ChromiumStats stats) in new[] { (answerer, heard), (offerer, sent) })
        {
            TransportStats transport = Assert.IsType<TransportStats>(stats.Transport);
            _output.WriteLine($"{peer.Name} transport: {transport}");
            Assert.Equal("connected", transport.DtlsState);
            Assert.False(string.IsNullOrEmpty(transport.SrtpCipher));
            Assert.False(string.IsNullOrEmpty(transport.DtlsCipher));
            Assert.NotNull(transport.SelectedCandidatePairId);
            Assert.Equal("127.0.0.1", transport.LocalCandidate?.Address);
            Assert.Equal("127.0.0.1", transport.RemoteCandidate?.Address);
            Assert.Empty(await peer.GetFailuresAsync(ct));
        }

        Assert.Equal(["audio"], answerer.ReceivedTracks);
        AssertLoopbackOnly(offerer.GatheredCandidates, "offerer");
        AssertLoopbackOnly(answerer.GatheredCandidates, "answerer");

        // The descriptions hold the same candidates, and nothing but 127.0.0.1 either.
        SessionDescriptionInit? offer = await offerer.GetLocalDescriptionAsync(ct);
        Assert.NotNull(offer);
        Assert.Equal(SdpType.Offer, offer.Type);
        AssertLoopbackOnly(CandidateLines(offer.Sdp), "offer SDP");

        await offerer.CloseAsync(ct);
        Assert.Equal(PeerConnectionState.Closed, offerer.ConnectionState);
    }

    [Fact]
    public async Task TheAnswererCanSendToARecvOnlyOfferer()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer offerer = await _browser.CreatePeerAsync("offerer", "{\"bundlePolicy\":\"max-bundle\"}", ct);
        await using ChromiumPeer answerer = await _browser.CreatePeerAsync("answerer", cancellationToken: ct);
        await offerer.AddRecvOnlyAudioAsync(ct);

        // By hand this time: the answerer attaches its microphone to the offered transceiver between the two descriptions.
        SessionDescriptionInit offer = await offerer.CreateOfferAsync(cancellationToken: ct);
        Assert.Contains("a=recvonly", offer.Sdp, StringComparison.Ordinal);
        await answerer.SetRemoteDescriptionAsync(offer, ct);
        await answerer.AddFakeMicrophoneAsync(ct);
        SessionDescriptionInit answer = await answerer.CreateAnswerAsync(cancellationToken: ct);
        Assert.Contains("a=sendonly", answer.Sdp, StringComparison.Ordinal);
        await offerer.SetRemoteDescriptionAsync(answer, ct);
        await Task.WhenAll(
            ChromiumSignaling.ForwardCandidatesAsync(offerer, answerer, ct),
            ChromiumSignaling.ForwardCandidatesAsync(answerer, offerer, ct));

        await offerer.WaitForIceConnectionStateAsync(IceConnectionState.Connected, ct);
        ChromiumStats stats = await offerer.WaitForStatsAsync(s => s.InboundAudio.Any(a => a.TotalSamplesReceived > 0), ct);
        Assert.True(stats.InboundAudio.Single().PacketsReceived > 0);
        Assert.Equal(GatheringState.Complete, offerer.GatheringState);
    }

    [Fact]
    public async Task ARejectedDescriptionSaysWhyAndIsRecordedAsAFailure()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using ChromiumPeer peer = await _browser.CreatePeerAsync("peer", cancellationToken: ct);

        ChromiumPeerException e = await Assert.ThrowsAsync<ChromiumPeerException>(
            () => peer.SetRemoteDescriptionAsync(new SessionDescriptionInit(SdpType.Offer, "v=0\r\nnot sdp\r\n"), ct));
        _output.WriteLine(e.Message);
        Assert.Contains("setRemoteDescription", e.Message, StringComparison.Ordinal);
        ChromiumPeerFailure failure = Assert.Single(await peer.GetFailuresAsync(ct));
        Assert.Equal("setRemoteDescription", failure.Kind);
        Assert.Contains("OperationError", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<TimeSpan> WhenAsync(Stopwatch clock, Task task)
    {
        await task;
        return clock.Elapsed;
    }

    private static void AssertLoopbackOnly(IReadOnlyList<IceCandidateInit> candidates, string whose)
    {
        Assert.NotEmpty(candidates);
        foreach (IceCandidateInit init in candidates)
        {
            Assert.True(SdpCandidate.TryParse(init.Candidate, out SdpCandidate? candidate, out string error), $"{whose}: {init.Candidate}: {error}");
            Assert.True(candidate.Address == "127.0.0.1", $"{whose} gathered {init.Candidate}");
        }
    }

    private static IceCandidateInit[] CandidateLines(string sdp) =>
        sdp.Split("\r\n")
            .Where(line => line.StartsWith("a=candidate:", StringComparison.Ordinal))
            .Select(line => new IceCandidateInit(line[2..], null, null, null))
            .ToArray();
}
