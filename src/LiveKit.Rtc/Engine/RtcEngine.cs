using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Engine;

/// <summary>
/// The media side of a room in dual-PeerConnection mode (brief §3.1): the publisher PeerConnection, where this client
/// offers (its data channels and, later, its tracks), and the subscriber PeerConnection, where the server offers the
/// tracks this client receives and its own data channels. The room feeds it the signal messages about SDP and ICE;
/// it reports data, remote tracks and connection states through <see cref="IRtcEngineListener"/>.
/// </summary>
internal sealed partial class RtcEngine : IAsyncDisposable
{
    private readonly SignalSender _send;
    private readonly IRtcEngineListener _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _primaryConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _primaryGate = new();
    private bool _primaryReliableOpen;
    private int _disposed;

    /// <summary>Creates both PeerConnections and the publisher's data channels; nothing is negotiated yet.</summary>
    public RtcEngine(Proto.JoinResponse join, PeerConnectionOptions options, SignalSender send, IRtcEngineListener listener, ILogger logger)
    {
        _send = send;
        _listener = listener;
        _logger = logger;
        SubscriberPrimary = join.SubscriberPrimary;
        Publisher = new PeerConnection(options);
        Subscriber = new PeerConnection(options);

        Publisher.IceCandidateGathered += candidate => Trickle(candidate, Proto.SignalTarget.Publisher);
        Subscriber.IceCandidateGathered += candidate => Trickle(candidate, Proto.SignalTarget.Subscriber);
        Publisher.ConnectionStateChanged += state => OnConnectionState(isPublisher: true, state);
        Subscriber.ConnectionStateChanged += state => OnConnectionState(isPublisher: false, state);
        Subscriber.TrackReceived += _listener.OnRemoteTrack;

        // brief §3.1 step 5: the client's channels, before the first publisher offer (an offer needs an m-line).
        PublisherReliable = Publisher.CreateDataChannel(DataChannelLabels.Reliable, new DataChannelInit { Ordered = true });
        PublisherLossy = Publisher.CreateDataChannel(DataChannelLabels.Lossy, new DataChannelInit { Ordered = false, MaxRetransmits = 0 });

        // In publisher-primary mode the server sends on the publisher's channels; reading both sets is harmless.
        StartReading(PublisherReliable);
        StartReading(PublisherLossy);
        Subscriber.DataChannelReceived += StartReading;
        Subscriber.DataChannelReceived += channel =>
        {
            if (channel.Label == DataChannelLabels.Reliable)
            {
                SetPrimaryReady(reliableChannelOpen: SubscriberPrimary);
            }
        };
        PublisherReliable.Opened += () => SetPrimaryReady(reliableChannelOpen: !SubscriberPrimary);

        _subscriberOffers = System.Threading.Channels.Channel.CreateUnbounded<Proto.SessionDescription>(
            new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
        _subscriberTask = Task.Run(AnswerSubscriberOffersAsync);
    }

    /// <summary>The PeerConnection this client offers on.</summary>
    public PeerConnection Publisher { get; }

    /// <summary>The PeerConnection the server offers on.</summary>
    public PeerConnection Subscriber { get; }

    /// <summary>True when the subscriber PeerConnection is the one whose connection makes the room connected.</summary>
    public bool SubscriberPrimary { get; }

    /// <summary>The primary PeerConnection: subscriber when <see cref="SubscriberPrimary"/>, else publisher.</summary>
    public PeerConnection Primary => SubscriberPrimary ? Subscriber : Publisher;

    /// <summary>
    /// Completes when the primary PeerConnection is connected and its reliable data channel is open (the server's on
    /// the subscriber, ours on the publisher), so data sent to this client from then on is delivered; faults when the
    /// PeerConnection fails first.
    /// </summary>
    public Task PrimaryConnected => _primaryConnected.Task;

    /// <summary>Data packets the engine dropped because they did not parse.</summary>
    public long MalformedDataPackets => Interlocked.Read(ref _malformedDataPackets);

    /// <summary>Applies a remote ICE candidate to the PeerConnection the server named (brief §3.1 step 6).</summary>
    public void AddRemoteCandidate(Proto.TrickleRequest trickle)
    {
        PeerConnection target = trickle.Target == Proto.SignalTarget.Subscriber ? Subscriber : Publisher;
        if (!IceCandidateInit.TryParseJson(trickle.CandidateInit, out IceCandidateInit? candidate))
        {
            RoomLog.TrickleIgnored(_logger, trickle.Target.ToString(), trickle.CandidateInit);
            return;
        }

        try
        {
            target.AddIceCandidate(candidate);
            if (trickle.Final && !candidate.IsEndOfCandidates)
            {
                target.AddIceCandidate(candidate with { Candidate = string.Empty });
            }
        }
        catch (ArgumentException)
        {
            RoomLog.TrickleIgnored(_logger, trickle.Target.ToString(), trickle.CandidateInit);
        }
        catch (ObjectDisposedException)
        {
            // Closed while the candidate was on its way: nothing to do.
        }
    }

    /// <summary>Closes both PeerConnections and stops the negotiation task. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closing.Cancel();
        _subscriberOffers.Writer.TryComplete();
        _primaryConnected.TrySetException(new ObjectDisposedException(nameof(RtcEngine), "The room's media connection was closed."));
        _ = _primaryConnected.Task.Exception;
        await Publisher.DisposeAsync().ConfigureAwait(false);
        await Subscriber.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _subscriberTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _closing.Dispose();
    }

    private void Trickle(IceCandidateInit candidate, Proto.SignalTarget target)
    {
        if (candidate.IsEndOfCandidates)
        {
            return;
        }

        var request = new Proto.SignalRequest { Trickle = new Proto.TrickleRequest { CandidateInit = candidate.ToJson(), Target = target } };
        _ = SendQuietlyAsync(request);
    }

    private void OnConnectionState(bool isPublisher, PeerConnectionState state)
    {
        bool isPrimary = isPublisher != SubscriberPrimary;
        if (isPrimary && state == PeerConnectionState.Connected)
        {
            SetPrimaryReady(reliableChannelOpen: false);
        }
        else if (isPrimary && state is PeerConnectionState.Failed or PeerConnectionState.Closed)
        {
            Exception reason = Primary.FailureReason
                ?? new InvalidOperationException($"The {(isPublisher ? "publisher" : "subscriber")} PeerConnection is {state}.");
            if (_primaryConnected.TrySetException(reason))
            {
                _ = _primaryConnected.Task.Exception;
            }
        }

        _listener.OnPeerConnectionStateChanged(isPublisher, state);
    }

    /// <summary>Records one of the two conditions of <see cref="PrimaryConnected"/> (the connection being the other).</summary>
    private void SetPrimaryReady(bool reliableChannelOpen)
    {
        lock (_primaryGate)
        {
            _primaryReliableOpen |= reliableChannelOpen;
            if (_primaryReliableOpen && Primary.ConnectionState == PeerConnectionState.Connected)
            {
                _primaryConnected.TrySetResult();
            }
        }
    }

    /// <summary>Sends a signal request; a closed signal connection is not this caller's problem (the room handles the close).</summary>
    private async Task SendQuietlyAsync(Proto.SignalRequest request)
    {
        try
        {
            await _send(request, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or ObjectDisposedException)
        {
            RoomLog.SignalSendDropped(_logger, request.MessageCase.ToString());
        }
    }
}
