using System;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.Testing.Media;
using LiveKit.Testing.Signal;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

/// <summary>
/// One participant as the server sees it: its <see cref="ParticipantInfo"/>, its signal connection and its two
/// PeerConnections (dual-PC mode, brief §3.1): the publisher PC, where the client offers and we answer, and the
/// subscriber PC, where we offer the server-created data channels and the tracks it is subscribed to. Everything
/// here runs on the room's loop except where a member says otherwise.
/// </summary>
internal sealed partial class ServerParticipant : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly ILogger _logger;

    public ServerParticipant(ServerContext context, ServerRoom room, ClaimGrants claims, SignalConnection signal, JoinParameters join)
    {
        _context = context;
        _logger = context.Loggers.CreateLogger("LiveKit.Testing.Participant");
        Room = room;
        Claims = claims;
        Signal = signal;
        Join = join;
        VideoGrants video = claims.Video ?? new VideoGrants();
        Info = new ParticipantInfo
        {
            Sid = SidGenerator.New(SidGenerator.ParticipantPrefix),
            Identity = claims.Identity ?? "",
            Name = claims.Name ?? "",
            Metadata = claims.Metadata ?? "",
            State = ParticipantInfo.Types.State.Joining,
            JoinedAt = context.Time.GetUtcNow().ToUnixTimeSeconds(),
            JoinedAtMs = context.NowMilliseconds,
            Version = 1,
            Kind = GrantMapping.KindFromClaim(claims.Kind),
            Permission = Permissions.FromGrants(video),
            ClientProtocol = join.ClientProtocol,
        };
        foreach (KeyValuePair<string, string> attribute in claims.Attributes ?? new Dictionary<string, string>())
        {
            Info.Attributes[attribute.Key] = attribute.Value;
        }

        Publisher = new PeerConnection(context.PeerConnectionOptions());
        Subscriber = new PeerConnection(context.PeerConnectionOptions());
        WirePeerConnections();
    }

    /// <summary>The room this participant is in (it changes when the participant is moved).</summary>
    public ServerRoom Room { get; set; }

    /// <summary>The participant's state as sent in updates. Mutated on the room loop only.</summary>
    public ParticipantInfo Info { get; }

    public string Sid => Info.Sid;

    public string Identity => Info.Identity;

    /// <summary>The claims of the newest token (refreshes and moves keep them current).</summary>
    public ClaimGrants Claims { get; set; }

    public JoinParameters Join { get; }

    public SignalConnection Signal { get; }

    /// <summary>The PeerConnection the client offers on (its tracks and its data channels).</summary>
    public PeerConnection Publisher { get; }

    /// <summary>The PeerConnection the server offers on (forwarded tracks and the server's data channels).</summary>
    public PeerConnection Subscriber { get; }

    /// <summary>Set when the participant has left or been removed; later work for it is dropped.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Fault injection: while false, nothing is forwarded to this participant (media and data).</summary>
    public volatile bool ForwardingEnabled = true;

    public bool IsHidden => Info.Permission?.Hidden == true;

    public bool CanSubscribe => Info.Permission?.CanSubscribe != false;

    public bool CanPublishData => Info.Permission?.CanPublishData != false;

    /// <summary>Whether the subscriber PC is the primary one (JoinResponse.subscriber_primary): it connects first.</summary>
    public bool SubscriberPrimary => CanSubscribe;

    public void Send(SignalResponse response)
    {
        if (!IsClosed)
        {
            Signal.Send(response);
        }
    }

    /// <summary>Sends a leave (brief §2.3 LeaveRequest) and closes the signal connection after it.</summary>
    public void SendLeaveAndClose(DisconnectReason reason, LeaveRequest.Types.Action action)
    {
        Signal.Send(new SignalResponse
        {
            Leave = new LeaveRequest { Reason = reason, Action = action, CanReconnect = action != LeaveRequest.Types.Action.Disconnect },
        });
        Signal.Close(WebSocketCloseStatus.NormalClosure, reason.ToString());
    }

    /// <summary>Bumps the version after a change, as every ParticipantInfo change does.</summary>
    public void Changed() => Info.Version++;

    /// <summary>Marks the participant closed and stops its media; the room has already dropped it.</summary>
    public async Task CloseAsync()
    {
        if (IsClosed)
        {
            return;
        }

        IsClosed = true;
        StopTimers();
        Info.State = ParticipantInfo.Types.State.Disconnected;
        foreach (PublishedTrack track in _published.Values)
        {
            await track.DisposeAsync().ConfigureAwait(false);
        }

        _published.Clear();
        _subscriptions.Clear();
        await Publisher.DisposeAsync().ConfigureAwait(false);
        await Subscriber.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private void Post(Func<Task> work) => Room.Loop.Post(async () =>
    {
        if (!IsClosed)
        {
            await work().ConfigureAwait(false);
        }
    });

    private void WirePeerConnections()
    {
        Publisher.IceCandidateGathered += candidate => Post(() => SendCandidate(SignalTarget.Publisher, candidate));
        Subscriber.IceCandidateGathered += candidate => Post(() => SendCandidate(SignalTarget.Subscriber, candidate));
        Publisher.DataChannelReceived += channel => Post(() => OnPublisherDataChannel(channel));
        Subscriber.ConnectionStateChanged += state => Post(() => OnSubscriberStateChanged(state));
        Publisher.ConnectionStateChanged += state => Post(() => OnPublisherStateChanged(state));
    }

    private readonly Dictionary<SignalTarget, IceCandidateInit?> _heldCandidate = new();

    /// <summary>
    /// Trickles our candidates one step late, so that the last one carries <c>final=true</c>, as the real server
    /// does (brief §2.3 TrickleRequest; captures: one host candidate marked final per PeerConnection).
    /// </summary>
    private Task SendCandidate(SignalTarget target, IceCandidateInit candidate)
    {
        _heldCandidate.TryGetValue(target, out IceCandidateInit? held);
        if (candidate.IsEndOfCandidates)
        {
            if (held is not null)
            {
                Send(new SignalResponse { Trickle = Trickle.ToRequest(held, target, final: true) });
            }

            _heldCandidate[target] = null;
            return Task.CompletedTask;
        }

        if (held is not null)
        {
            Send(new SignalResponse { Trickle = Trickle.ToRequest(held, target, final: false) });
        }

        _heldCandidate[target] = candidate;
        return Task.CompletedTask;
    }

    private Task OnSubscriberStateChanged(PeerConnectionState state) => OnStateChanged(state, primary: SubscriberPrimary, "subscriber");

    private Task OnPublisherStateChanged(PeerConnectionState state) => OnStateChanged(state, primary: !SubscriberPrimary, "publisher");

    private Task OnStateChanged(PeerConnectionState state, bool primary, string which)
    {
        // Once the primary PC connects the participant is ACTIVE, and only then do the others hear of it (captures:
        // the first update about a newcomer says state=2).
        if (primary && state == PeerConnectionState.Connected && Info.State != ParticipantInfo.Types.State.Active)
        {
            Info.State = ParticipantInfo.Types.State.Active;
            Changed();
            Room.BroadcastParticipantUpdate(this);
        }
        else if (state == PeerConnectionState.Failed)
        {
            _logger.LogInformation("{Identity}: {Which} PeerConnection failed", Identity, which);
        }

        return Task.CompletedTask;
    }
}
