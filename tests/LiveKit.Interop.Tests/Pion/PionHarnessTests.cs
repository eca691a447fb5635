using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// The harness itself, pion against pion: two peer processes signalled through C# connect on 127.0.0.1 in
/// both DTLS roles and Opus flows between them without sequence gaps; the bench mode times connects; a missing
/// toolchain or a broken program fails the build with a message that says what to do. If these fail, no pion
/// interop test can pass.
/// </summary>
public sealed class PionHarnessTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly byte[] OpusSilence = [0xF8, 0xFF, 0xFE];
    private static readonly Regex LoopbackHostCandidate =
        new(@"^candidate:\d+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host( |$)", RegexOptions.CultureInvariant);

    private readonly ITestOutputHelper _output;

    public PionHarnessTests(ITestOutputHelper output)
    {
        LoopbackOnlyNetwork.EnsureLoopbackOnly();
        _output = output;
    }

    [Theory]
    [InlineData(PionDtlsRole.Client, "active")]
    [InlineData(PionDtlsRole.Server, "passive")]
    public async Task TwoPionPeersConnectInEitherDtlsRoleAndOpusFlowsBothWaysWithoutGaps(PionDtlsRole answererRole, string setup)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await PionPeer.StartAsync(Log("offerer"), ct);
        await using PionPeer answerer = await PionPeer.StartAsync(Log("answerer"), ct);
        await offerer.ConfigureAsync(new PionPeerOptions(), ct);
        await answerer.ConfigureAsync(new PionPeerOptions { DtlsRole = answererRole }, ct);

        PionExchange exchange = await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        await Task.WhenAll(
            offerer.WaitForStateAsync(PionConnectionState.Connected, ConnectTimeout, ct),
            answerer.WaitForStateAsync(PionConnectionState.Connected, ConnectTimeout, ct));

        Assert.Contains("a=setup:actpass", exchange.Offer);
        Assert.Contains($"a=setup:{setup}", exchange.Answer);
        foreach (PionCandidate candidate in (await exchange.OffererCandidates).Concat(await exchange.AnswererCandidates))
        {
            Assert.Matches(LoopbackHostCandidate, candidate.Candidate);
            Assert.Equal("0", candidate.SdpMid);
            Assert.Equal(0, candidate.SdpMLineIndex);
        }
        Assert.NotEmpty(await exchange.OffererCandidates);
        Assert.NotEmpty(await exchange.AnswererCandidates);

        await Task.WhenAll(
            offerer.WaitForPacketsAsync(50, ConnectTimeout, ct),
            answerer.WaitForPacketsAsync(50, ConnectTimeout, ct));
        await AssertHeardAsync(answerer, from: offerer, ct);
        await AssertHeardAsync(offerer, from: answerer, ct);

        PionTrack track = await answerer.Track.WaitAsync(ConnectTimeout, ct);
        Assert.Equal(new PionTrack("audio", offerer.SendSsrc!.Value, 111, "audio/opus"), track);
        IReadOnlyList<byte[]> payloads = await answerer.GetPayloadsAsync(ct);
        Assert.Equal(50, payloads.Count);
        Assert.All(payloads, p => Assert.Equal(OpusSilence, p));
    }

    [Fact]
    public async Task ASendOnlyOffererIsHeardByARecvOnlyAnswererAndHearsNothing()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await PionPeer.StartAsync(Log("offerer"), ct);
        await using PionPeer answerer = await PionPeer.StartAsync(Log("answerer"), ct);
        await offerer.ConfigureAsync(new PionPeerOptions { ReceiveAudio = false }, ct);
        await answerer.ConfigureAsync(new PionPeerOptions { SendAudio = false }, ct);
        Assert.NotNull(offerer.SendSsrc);
        Assert.Null(answerer.SendSsrc);

        PionExchange exchange = await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        Assert.Contains("a=sendonly", exchange.Offer);
        Assert.Contains("a=recvonly", exchange.Answer);
        await answerer.WaitForPacketsAsync(25, ConnectTimeout, ct);

        await AssertHeardAsync(answerer, from: offerer, ct);
        PionStats offererStats = await offerer.GetStatsAsync(ct);
        Assert.Equal(0, offererStats.PacketsReceived);
        Assert.Null(offererStats.Ssrc);
    }

    [Fact]
    public async Task WithoutTrickleTheDescriptionsCarryTheCandidatesAndSuffice()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await PionPeer.StartAsync(Log("offerer"), ct);
        await using PionPeer answerer = await PionPeer.StartAsync(Log("answerer"), ct);
        await offerer.ConfigureAsync(new PionPeerOptions { Trickle = false }, ct);
        await answerer.ConfigureAsync(new PionPeerOptions { Trickle = false }, ct);

        PionExchange exchange = await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        Assert.Empty(await exchange.OffererCandidates);
        Assert.Empty(await exchange.AnswererCandidates);
        Assert.Matches(new Regex(@"a=candidate:\d+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host"), exchange.Offer);
        Assert.Matches(new Regex(@"a=candidate:\d+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host"), exchange.Answer);
        await Task.WhenAll(
            offerer.WaitForStateAsync(PionConnectionState.Connected, ConnectTimeout, ct),
            answerer.WaitForStateAsync(PionConnectionState.Connected, ConnectTimeout, ct));
    }

    [Fact]
    public async Task TheSrtpProfileCanBeRestrictedToAesCmAndIsReported()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await PionPeer.StartAsync(Log("offerer"), ct);
        await using PionPeer answerer = await PionPeer.StartAsync(Log("answerer"), ct);
        var aesCm = new PionPeerOptions { SrtpProfiles = ["SRTP_AES128_CM_HMAC_SHA1_80"] };
        await offerer.ConfigureAsync(aesCm, ct);
        await answerer.ConfigureAsync(aesCm, ct);

        await PionSignalling.NegotiateAsync(offerer, answerer, ct);
        await answerer.WaitForPacketsAsync(10, ConnectTimeout, ct);

        PionStats stats = await answerer.GetStatsAsync(ct);
        Assert.Equal("SRTP_AES128_CM_HMAC_SHA1_80", stats.SrtpProfile);
        Assert.Equal(0, stats.SequenceGaps);
        Assert.Equal("SRTP_AES128_CM_HMAC_SHA1_80", (await offerer.GetStatsAsync(ct)).SrtpProfile);
    }

    [Fact]
    public async Task AFingerprintMismatchFailsTheConnectionWithPionsReason()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionPeer offerer = await PionPeer.StartAsync(Log("offerer"), ct);
        await using PionPeer answerer = await PionPeer.StartAsync(Log("answerer"), ct);
        await offerer.ConfigureAsync(new PionPeerOptions(), ct);
        await answerer.ConfigureAsync(new PionPeerOptions(), ct);

        Task<IReadOnlyList<PionCandidate>> toAnswerer = PionSignalling.ForwardAsync(offerer, answerer, ct);
        Task<IReadOnlyList<PionCandidate>> toOfferer = PionSignalling.ForwardAsync(answerer, offerer, ct);
        string offer = await offerer.CreateOfferAsync(ct);
        await answerer.SetRemoteAsync(PionSdpType.Offer, offer, ct);
        string answer = await answerer.CreateAnswerAsync(ct);
        // The offerer (DTLS server, as the answerer is the client) now expects another certificate.
        string forged = Regex.Replace(answer, "(a=fingerprint:sha-256 )([0-9A-F]{2})",
            m => m.Groups[1].Value + (m.Groups[2].Value == "00" ? "01" : "00"));
        Assert.NotEqual(answer, forged);
        await offerer.SetRemoteAsync(PionSdpType.Answer, forged, ct);
        await Task.WhenAll(toAnswerer, toOfferer);

        PionState failed = await offerer.WaitForStateAsync(
            s => s.Connection == PionConnectionState.Failed && s.Reason?.Contains("fingerprint", StringComparison.Ordinal) == true,
            "a failure that names the fingerprint", ConnectTimeout, failOnFailure: false, ct);
        _output.WriteLine($"offerer: {failed}");
        Assert.Equal("failed", failed.Dtls);
        await Assert.ThrowsAsync<PionPeerException>(
            () => offerer.WaitForStateAsync(PionConnectionState.Connected, ConnectTimeout, ct));
    }

    [Fact]
    public async Task BenchModeTimesPionToPionConnects()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        CancellationToken ct = timeout.Token;
        await using PionBench bench = await PionBench.StartAsync(Log("bench"), ct);

        var times = new List<TimeSpan>();
        for (int i = 0; i < 21; i++)
        {
            times.Add(await bench.ConnectAsync(ct));
        }

        times.Sort();
        _output.WriteLine($"pion to pion connect: median {times[times.Count / 2].TotalMilliseconds:0.00} ms, " +
            $"min {times[0].TotalMilliseconds:0.00} ms, max {times[^1].TotalMilliseconds:0.00} ms");
        Assert.All(times, t => Assert.InRange(t, TimeSpan.FromMicroseconds(1), PionBench.ConnectTimeout));
    }

    [Fact]
    public async Task AMissingGoToolchainNamesTheDebianPackages()
    {
        string cache = Path.Combine(Path.GetTempPath(), "pion-build-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            PionBuildException e = await Assert.ThrowsAsync<PionBuildException>(() => PionPeerBuild.BuildAsync(
                PionPeerBuild.DefaultSourceDirectory, cache, "/nonexistent/go", CancellationToken.None));

            Assert.Contains("/nonexistent/go", e.Message);
            Assert.Contains("golang-go golang-github-pion-webrtc.v3-dev", e.Message);
            Assert.Contains("scripts/install-deps.sh", e.Message);
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    [Fact]
    public async Task ABrokenProgramFailsTheBuildWithGosErrors()
    {
        string root = Path.Combine(Path.GetTempPath(), "pion-build-test-" + Guid.NewGuid().ToString("N"));
        string sources = Path.Combine(root, "peer");
        Directory.CreateDirectory(sources);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(sources, "go.mod"), "module peer\n");
            await File.WriteAllTextAsync(Path.Combine(sources, "main.go"),
                "package main\n\nimport \"github.com/pion/webrtc/v3\"\n\nfunc main() { webrtc.NoSuchFunction() }\n");

            // Go's build cache of the real program already holds pion compiled: only main.go compiles here.
            PionBuildException e = await Assert.ThrowsAsync<PionBuildException>(() => PionPeerBuild.BuildAsync(
                sources, Path.Combine(root, "cache"), "go", CancellationToken.None,
                goCache: Path.Combine(PionPeerBuild.DefaultCacheDirectory, ".cache")));

            Assert.Contains("go build of the pion peer failed", e.Message);
            Assert.Contains("NoSuchFunction", e.Message);
            Assert.Contains("golang-go golang-github-pion-webrtc.v3-dev", e.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task TheBuiltProgramIsReusedWhileItsSourcesAreUnchanged()
    {
        string first = await PionPeerBuild.GetExecutableAsync();
        DateTime built = File.GetLastWriteTimeUtc(first);

        string again = await PionPeerBuild.BuildAsync(
            PionPeerBuild.DefaultSourceDirectory, PionPeerBuild.DefaultCacheDirectory, "go", CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(built, File.GetLastWriteTimeUtc(again));
    }

    /// <summary>Asserts that <paramref name="receiver"/> got <paramref name="from"/>'s Opus stream intact.</summary>
    private async Task AssertHeardAsync(PionPeer receiver, PionPeer from, CancellationToken ct)
    {
        PionStats stats = await receiver.GetStatsAsync(ct);
        _output.WriteLine($"pid {receiver.ProcessId}: {stats}");
        Assert.Equal(PionConnectionState.Connected, stats.State.Connection);
        Assert.True(stats.PacketsReceived >= 25, $"{stats.PacketsReceived} packets");
        Assert.Equal(0, stats.SequenceGaps);
        Assert.Equal(111, stats.PayloadType);
        Assert.Equal(from.SendSsrc, stats.Ssrc);
        Assert.Equal(stats.PacketsReceived * OpusSilence.Length, stats.BytesReceived);
        Assert.Equal<int?>((int)((stats.FirstSequence!.Value + stats.PacketsReceived - 1) % 65536), stats.LastSequence);
        Assert.Equal("SRTP_AEAD_AES_128_GCM", stats.SrtpProfile);
    }

    private Action<string> Log(string name) => line => _output.WriteLine($"[{name}] {line}");
}
