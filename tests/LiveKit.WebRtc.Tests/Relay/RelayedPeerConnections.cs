using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Ice;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// Two of our connections on loopback that reach each other only through a <see cref="LossyUdpRelay"/>: the offerer is
/// its side A, the answerer side B, and every candidate and description is routed (each sees the relay's address for
/// the other).
/// </summary>
public sealed class RelayedPeerConnections : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing = new();

    /// <summary>
    /// Creates both connections behind <paramref name="relay"/>, with <see cref="Options"/> (8 MiB socket buffers, seeded
    /// randomness) unless others are given.
    /// </summary>
    public RelayedPeerConnections(LossyUdpRelay relay, PeerConnectionOptions? offererOptions = null, PeerConnectionOptions? answererOptions = null)
    {
        ArgumentNullException.ThrowIfNull(relay);
        Relay = relay;
        Offerer = new WebRtc.PeerConnection(offererOptions ?? Options(1));
        Answerer = new WebRtc.PeerConnection(answererOptions ?? Options(2));
        Offerer.IceCandidateGathered += c => Trickle(Answerer, c, relay.RouteCandidateFromA);
        Answerer.IceCandidateGathered += c => Trickle(Offerer, c, relay.RouteCandidateFromB);
    }

    /// <summary>The relay between the two.</summary>
    public LossyUdpRelay Relay { get; }

    /// <summary>Side A.</summary>
    public WebRtc.PeerConnection Offerer { get; }

    /// <summary>Side B.</summary>
    public WebRtc.PeerConnection Answerer { get; }

    /// <summary>Loopback, 8 MiB socket buffers, seeded randomness.</summary>
    public static PeerConnectionOptions Options(int seed) => new()
    {
        HostAddresses = [IPAddress.Loopback],
        SocketReceiveBufferSize = 8 * 1024 * 1024,
        SocketSendBufferSize = 8 * 1024 * 1024,
        Random = new Random(seed),
    };

    /// <summary>Offer and answer, routed, then both connected. <paramref name="rewriteOffer"/> edits what the answerer gets.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken, Func<string, string>? rewriteOffer = null)
    {
        Task connected = Task.WhenAll(WhenConnectedAsync(Offerer), WhenConnectedAsync(Answerer));
        SessionDescriptionInit offer = await Offerer.CreateOfferAsync(cancellationToken);
        await Offerer.SetLocalDescriptionAsync(offer, cancellationToken);
        string routed = Relay.RouteSdpFromA(offer.Sdp);
        await Answerer.SetRemoteDescriptionAsync(offer with { Sdp = rewriteOffer?.Invoke(routed) ?? routed }, cancellationToken);
        SessionDescriptionInit answer = await Answerer.CreateAnswerAsync(cancellationToken);
        await Answerer.SetLocalDescriptionAsync(answer, cancellationToken);
        await Offerer.SetRemoteDescriptionAsync(answer with { Sdp = Relay.RouteSdpFromB(answer.Sdp) }, cancellationToken);
        await connected.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        await Offerer.DisposeAsync();
        await Answerer.DisposeAsync();
        _closing.Dispose();
    }

    private static Task WhenConnectedAsync(WebRtc.PeerConnection connection)
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
                connected.TrySetException(new InvalidOperationException($"a relayed connection failed: {connection.FailureReason}"));
            }
        };
        if (connection.ConnectionState == PeerConnectionState.Connected)
        {
            connected.TrySetResult();
        }

        return connected.Task;
    }

    private static void Trickle(WebRtc.PeerConnection to, IceCandidateInit candidate, Func<string, string?> route)
    {
        string? routed = route(candidate.Candidate);
        if (routed is null)
        {
            return;
        }

        try
        {
            to.AddIceCandidate(candidate with { Candidate = routed });
        }
        catch (ObjectDisposedException)
        {
            // The test closed the other side already.
        }
    }
}
