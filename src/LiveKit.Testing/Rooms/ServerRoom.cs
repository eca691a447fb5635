using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

/// <summary>
/// One room: its <see cref="Room"/> info, its participants by identity, and its loop. Membership changes,
/// broadcasts and subscriptions happen on the loop; <see cref="Snapshot"/> is the only state read elsewhere (the
/// data relay reads it from the channel readers).
/// </summary>
internal sealed partial class ServerRoom : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ServerParticipant> _participants = new(StringComparer.Ordinal);
    private ServerParticipant[] _snapshot = Array.Empty<ServerParticipant>();
    private bool _hadParticipants;
    private long _emptySinceTicks;
    private readonly ITimer _speakerTimer;
    private readonly ITimer _qualityTimer;

    public ServerRoom(ServerContext context, RoomRegistry registry, Room info)
    {
        _context = context;
        Registry = registry;
        _logger = context.Loggers.CreateLogger("LiveKit.Testing.Room");
        Info = info;
        EmptySince = context.Time.GetUtcNow();
        Loop = new RoomLoop(_logger);
        _speakerTimer = context.Time.CreateTimer(_ => Loop.Post(ObserveSpeakersAsync), null, context.Options.SpeakerObservationInterval, context.Options.SpeakerObservationInterval);
        _qualityTimer = context.Time.CreateTimer(_ => Loop.Post(SendConnectionQualityAsync), null, context.Options.ConnectionQualityInterval, context.Options.ConnectionQualityInterval);
    }

    public RoomRegistry Registry { get; }

    /// <summary>The room as sent in join responses and room updates. Mutated on the loop only.</summary>
    public Room Info { get; }

    public string Name => Info.Name;

    public RoomLoop Loop { get; }

    /// <summary>The participants now in the room; safe to read from any thread.</summary>
    public ServerParticipant[] Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Since when the room has been empty (its creation, or the last departure); null while anyone is in.</summary>
    /// <remarks>Written on the loop, read by the registry's sweep: kept as UTC ticks (0 = not empty) for atomic access.</remarks>
    public DateTimeOffset? EmptySince
    {
        get => Volatile.Read(ref _emptySinceTicks) is long ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        private set => Volatile.Write(ref _emptySinceTicks, value?.UtcTicks ?? 0);
    }

    /// <summary>How long the room may stay empty: the departure timeout once someone was in, else the empty timeout.</summary>
    public TimeSpan EmptyLifetime => TimeSpan.FromSeconds(_hadParticipants ? Info.DepartureTimeout : Info.EmptyTimeout);

    /// <summary>Whether the room was closed (deleted); joins then fail.</summary>
    public bool IsClosed { get; private set; }

    public ServerParticipant? Find(string identity) => _participants.GetValueOrDefault(identity);

    /// <summary>
    /// Admits a participant (brief §3.1): a duplicate identity's old session is removed first; the newcomer gets
    /// its JoinResponse, at once a refresh_token (captures), then the subscriber offer with the server's channels
    /// and every track it auto-subscribes to.
    /// </summary>
    public async Task JoinAsync(ServerParticipant participant)
    {
        if (Find(participant.Identity) is ServerParticipant previous)
        {
            previous.SendLeaveAndClose(DisconnectReason.DuplicateIdentity, LeaveRequest.Types.Action.Disconnect);
            await RemoveAsync(previous, DisconnectReason.DuplicateIdentity).ConfigureAwait(false);
        }

        participant.Room = this;
        participant.Info.State = ParticipantInfo.Types.State.Joined;
        _participants[participant.Identity] = participant;
        UpdateSnapshot();
        participant.Send(new SignalResponse { Join = JoinResponseFor(participant) });
        participant.Send(new SignalResponse { RefreshToken = _context.Tokens.Reissue(participant.Claims, Name) });
        participant.StartTokenRefresh();

        await participant.StartSubscriberAsync().ConfigureAwait(false);
        await AutoSubscribeAsync(participant).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a participant: the others get its DISCONNECTED info (with the reason), its tracks leave their
    /// subscribers, its subscriptions stop, and its PeerConnections close.
    /// </summary>
    public async Task RemoveAsync(ServerParticipant participant, DisconnectReason reason)
    {
        if (!_participants.TryGetValue(participant.Identity, out ServerParticipant? current) || current != participant)
        {
            return;
        }

        _participants.Remove(participant.Identity);
        UpdateSnapshot();
        foreach (Media.PublishedTrack track in participant.PublishedTracks.Values.ToArray())
        {
            await OnTrackUnpublishedAsync(track).ConfigureAwait(false);
        }

        foreach (Media.Subscription subscription in participant.Subscriptions.Values)
        {
            subscription.Track.Detach(subscription);
            subscription.Detach();
        }

        participant.Info.State = ParticipantInfo.Types.State.Disconnected;
        participant.Info.DisconnectReason = reason;
        participant.Changed();
        BroadcastParticipantUpdate(participant); // it is out of the room already: the others hear of it

        await participant.CloseAsync().ConfigureAwait(false);
        Info.NumParticipants = (uint)_participants.Values.Count(p => !p.IsHidden);
        Info.NumPublishers = (uint)_participants.Values.Count(p => p.Info.IsPublisher);
        MarkEmptyIfNobodyLeft();
    }

    /// <summary>Sends the participant's current info to everyone who may see it (itself included).</summary>
    public void BroadcastParticipantUpdate(ServerParticipant participant)
    {
        var update = new SignalResponse { Update = new ParticipantUpdate { Participants = { participant.Info.Clone() } } };
        foreach (ServerParticipant other in _participants.Values)
        {
            if (other == participant || !participant.IsHidden)
            {
                other.Send(update);
            }
        }
    }

    /// <summary>Sends <paramref name="response"/> to everyone in the room.</summary>
    public void Broadcast(SignalResponse response)
    {
        foreach (ServerParticipant participant in _participants.Values)
        {
            participant.Send(response);
        }
    }

    /// <summary>Changes the room's metadata and tells everyone (RoomUpdate, brief §2.2 #11).</summary>
    public void SetMetadata(string metadata)
    {
        Info.Metadata = metadata;
        Broadcast(new SignalResponse { RoomUpdate = new RoomUpdate { Room = Info.Clone() } });
    }

    /// <summary>Closes the room: everyone gets a leave with <paramref name="reason"/> and is removed.</summary>
    public async Task CloseAsync(DisconnectReason reason)
    {
        IsClosed = true;
        foreach (ServerParticipant participant in _participants.Values.ToArray())
        {
            participant.SendLeaveAndClose(reason, LeaveRequest.Types.Action.Disconnect);
            await RemoveAsync(participant, reason).ConfigureAwait(false);
        }
    }

    private JoinResponse JoinResponseFor(ServerParticipant participant)
    {
        Info.NumParticipants = (uint)_participants.Values.Count(p => !p.IsHidden);
        var join = new JoinResponse
        {
            Room = Info.Clone(),
            Participant = participant.Info.Clone(),
            ServerVersion = ServerContext.ServerVersion,
            ServerInfo = new ServerInfo
            {
                Edition = ServerInfo.Types.Edition.Standard,
                Version = ServerContext.ServerVersion,
                Protocol = ServerContext.Protocol,
                NodeId = _context.NodeId,
            },
            // protocol > 2 and canSubscribe (brief §3.1 step 3); otherwise the publisher PC is primary.
            SubscriberPrimary = participant.SubscriberPrimary,
            FastPublish = true,
            PingInterval = (int)_context.Options.PingInterval.TotalSeconds,
            PingTimeout = (int)_context.Options.PingTimeout.TotalSeconds,
            ClientConfiguration = new ClientConfiguration { ResumeConnection = ClientConfigSetting.Disabled },
            SifTrailer = Google.Protobuf.ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
        };
        join.EnabledPublishCodecs.Add(new Codec { Mime = "audio/opus" });
        join.EnabledPublishCodecs.Add(new Codec { Mime = "video/VP8" });
        foreach (ServerParticipant other in _participants.Values)
        {
            if (other != participant && !other.IsHidden)
            {
                join.OtherParticipants.Add(other.Info.Clone());
            }
        }

        return join;
    }

    private void MarkEmptyIfNobodyLeft()
    {
        if (_participants.Count == 0)
        {
            EmptySince = _context.Time.GetUtcNow();
        }
    }

    private void UpdateSnapshot()
    {
        Volatile.Write(ref _snapshot, _participants.Values.ToArray());
        if (_participants.Count > 0)
        {
            EmptySince = null;
            _hadParticipants = true;
        }
    }

    public ValueTask DisposeAsync() => DisposeAsync(DisconnectReason.ServerShutdown);

    /// <summary>Closes the room with <paramref name="reason"/> for everyone in it, then stops its loop.</summary>
    public async ValueTask DisposeAsync(DisconnectReason reason)
    {
        await _speakerTimer.DisposeAsync().ConfigureAwait(false);
        await _qualityTimer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Loop.InvokeAsync(() => CloseAsync(reason)).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        await Loop.DisposeAsync().ConfigureAwait(false);
    }
}
