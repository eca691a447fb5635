using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;

namespace LiveKit.WebRtc.Tests.PeerConnection;

/// <summary>Two connections on loopback, signalled directly: candidates trickle from each to the other.</summary>
internal sealed class PeerConnectionLink : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public PeerConnectionLink(PeerConnectionOptions? offererOptions = null, PeerConnectionOptions? answererOptions = null)
    {
        Offerer = new WebRtc.PeerConnection(offererOptions ?? Loopback());
        Answerer = new WebRtc.PeerConnection(answererOptions ?? Loopback());
        Offerer.IceCandidateGathered += c => Trickle(Answerer, c);
        Answerer.IceCandidateGathered += c => Trickle(Offerer, c);
    }

    public WebRtc.PeerConnection Offerer { get; }

    public WebRtc.PeerConnection Answerer { get; }

    public static PeerConnectionOptions Loopback(int seed = 1) => new()
    {
        HostAddresses = new[] { System.Net.IPAddress.Loopback },
        Random = new Random(seed),
    };

    /// <summary>Offer, answer, and both descriptions set on both sides; the offer and answer can be rewritten on the way.</summary>
    public async Task NegotiateAsync(Func<string, string>? rewriteOffer = null, Func<string, string>? rewriteAnswer = null)
    {
        SessionDescriptionInit offer = await Offerer.CreateOfferAsync();
        await Offerer.SetLocalDescriptionAsync(offer);
        await Answerer.SetRemoteDescriptionAsync(offer with { Sdp = rewriteOffer?.Invoke(offer.Sdp) ?? offer.Sdp });
        SessionDescriptionInit answer = await Answerer.CreateAnswerAsync();
        await Answerer.SetLocalDescriptionAsync(answer);
        await Offerer.SetRemoteDescriptionAsync(answer with { Sdp = rewriteAnswer?.Invoke(answer.Sdp) ?? answer.Sdp });
    }

    /// <summary>Completes when both connections reach <paramref name="state"/>; fails on timeout.</summary>
    public Task WhenBothAsync(PeerConnectionState state) =>
        Task.WhenAll(WhenAsync(Offerer, state), WhenAsync(Answerer, state)).WaitAsync(Timeout);

    public static Task WhenAsync(WebRtc.PeerConnection connection, PeerConnectionState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionStateChanged += s =>
        {
            if (s == state)
            {
                reached.TrySetResult();
            }
        };
        if (connection.ConnectionState == state)
        {
            reached.TrySetResult();
        }

        return reached.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await Offerer.DisposeAsync();
        await Answerer.DisposeAsync();
    }

    private static void Trickle(WebRtc.PeerConnection to, IceCandidateInit candidate)
    {
        try
        {
            to.AddIceCandidate(candidate);
        }
        catch (ObjectDisposedException)
        {
            // The test already closed the other side.
        }
    }
}
