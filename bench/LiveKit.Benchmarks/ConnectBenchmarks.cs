using System;
using System.Net;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using LiveKit.Interop.Tests.Pion;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.Benchmarks;

/// <summary>
/// ICE + DTLS connect time on loopback: two connections in one process, from createOffer until both report
/// connected (ICE pair selected and DTLS-SRTP keys exported), then closed. The baseline is the same with two pion
/// connections in one Go process (the pion peer's bench mode), measured in the same run. BenchmarkDotNet times each
/// whole call on both sides: ours creates, connects and closes two connections; pion's round trip creates and connects
/// two (the previous pair closes after the reply, inside the next round trip) plus one pipe round trip (tens of
/// microseconds against milliseconds). Both sides reuse one certificate per process, as browsers do.
/// </summary>
[MemoryDiagnoser]
public class ConnectBenchmarks
{
    private PionBench _pion = null!;

    [GlobalSetup]
    public void Setup() => _pion = PionBench.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _pion.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>pion to pion: one connect in the Go process; returns the time Go measured, for the record.</summary>
    [Benchmark(Baseline = true)]
    public Task<TimeSpan> PionToPion() => _pion.ConnectAsync();

    /// <summary>Ours to ours, through the public API only.</summary>
    [Benchmark]
    public async Task ManagedToManaged()
    {
        var options = new PeerConnectionOptions { HostAddresses = new[] { IPAddress.Loopback } };
        await using var offerer = new PeerConnection(options);
        await using var answerer = new PeerConnection(options);
        offerer.IceCandidateGathered += c => answerer.AddIceCandidate(c);
        answerer.IceCandidateGathered += c => offerer.AddIceCandidate(c);
        offerer.AddTransceiver(MediaKind.Audio, SdpMediaDirection.SendRecv);
        Task connected = Task.WhenAll(WhenConnected(offerer), WhenConnected(answerer));

        SessionDescriptionInit offer = await offerer.CreateOfferAsync();
        await offerer.SetLocalDescriptionAsync(offer);
        await answerer.SetRemoteDescriptionAsync(offer);
        SessionDescriptionInit answer = await answerer.CreateAnswerAsync();
        await answerer.SetLocalDescriptionAsync(answer);
        await offerer.SetRemoteDescriptionAsync(answer);
        await connected.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task WhenConnected(PeerConnection connection)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionStateChanged += s =>
        {
            if (s == PeerConnectionState.Connected)
            {
                connected.TrySetResult();
            }
            else if (s == PeerConnectionState.Failed)
            {
                connected.TrySetException(new InvalidOperationException("connect failed: " + connection.FailureReason));
            }
        };
        return connected.Task;
    }
}
