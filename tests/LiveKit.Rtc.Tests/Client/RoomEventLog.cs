using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>One event as a room emitted it: its Python name, a short description, and its arguments.</summary>
internal sealed record RoomEventRecord(string Name, string Detail, object?[] Args)
{
    public override string ToString() => Detail.Length == 0 ? Name : $"{Name} {Detail}";
}

/// <summary>
/// Every event of a room, recorded in emit order through the generated API (all 31 of the schema), with a way to
/// await the one a test expects. Register it before ConnectAsync to see the whole connection.
/// </summary>
internal sealed class RoomEventLog
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly List<RoomEventRecord> _events = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RoomEventLog(Room room)
    {
        room.On(RoomEvent.Connected, () => Add("connected", ""));
        room.On(RoomEvent.Disconnected, (DisconnectReason reason) => Add("disconnected", reason.ToString(), reason));
        room.On(RoomEvent.Reconnecting, () => Add("reconnecting", ""));
        room.On(RoomEvent.Reconnected, () => Add("reconnected", ""));
        room.On(RoomEvent.ConnectionStateChanged, (ConnectionState state) => Add("connection_state_changed", state.ToString(), state));
        room.On(RoomEvent.ParticipantConnected, (RemoteParticipant p) => Add("participant_connected", p.Identity, p));
        room.On(RoomEvent.ParticipantDisconnected, (RemoteParticipant p) => Add("participant_disconnected", p.Identity, p));
        room.On(RoomEvent.LocalTrackPublished, (LocalTrackPublication pub, Track track) => Add("local_track_published", pub.Sid, pub, track));
        room.On(RoomEvent.LocalTrackUnpublished, (LocalTrackPublication pub) => Add("local_track_unpublished", pub.Sid, pub));
        room.On(RoomEvent.LocalTrackSubscribed, (Track track) => Add("local_track_subscribed", track.Sid, track));
        room.On(RoomEvent.TrackPublished, (RemoteTrackPublication pub, RemoteParticipant p) => Add("track_published", $"{p.Identity} {pub.Kind}", pub, p));
        room.On(RoomEvent.TrackUnpublished, (RemoteTrackPublication pub, RemoteParticipant p) => Add("track_unpublished", $"{p.Identity} {pub.Kind}", pub, p));
        room.On(RoomEvent.TrackSubscribed, (Track track, RemoteTrackPublication pub, RemoteParticipant p) => Add("track_subscribed", $"{p.Identity} {pub.Kind}", track, pub, p));
        room.On(RoomEvent.TrackUnsubscribed, (Track track, RemoteTrackPublication pub, RemoteParticipant p) => Add("track_unsubscribed", $"{p.Identity} {pub.Kind}", track, pub, p));
        room.On(RoomEvent.TrackSubscriptionFailed, (RemoteParticipant p, string sid, string error) => Add("track_subscription_failed", $"{p.Identity} {error}", p, sid, error));
        room.On(RoomEvent.TrackMuted, (Participant p, TrackPublication pub) => Add("track_muted", $"{p.Identity} {pub.Kind}", p, pub));
        room.On(RoomEvent.TrackUnmuted, (Participant p, TrackPublication pub) => Add("track_unmuted", $"{p.Identity} {pub.Kind}", p, pub));
        room.On(RoomEvent.RoomMetadataChanged, (string old, string now) => Add("room_metadata_changed", now, old, now));
        room.On(RoomEvent.ParticipantMetadataChanged, (Participant p, string old, string now) => Add("participant_metadata_changed", $"{p.Identity} {now}", p, old, now));
        room.On(RoomEvent.ParticipantNameChanged, (Participant p, string old, string now) => Add("participant_name_changed", $"{p.Identity} {now}", p, old, now));
        room.On(RoomEvent.ParticipantAttributesChanged, (IReadOnlyDictionary<string, string> changed, Participant p) =>
            Add("participant_attributes_changed", $"{p.Identity} {string.Join(",", changed.OrderBy(a => a.Key).Select(a => a.Key + "=" + a.Value))}", changed, p));
        room.On(RoomEvent.DataReceived, (DataPacket packet) => Add("data_received", $"{packet.Participant?.Identity} {packet.Kind} {packet.Topic}", packet));
        room.On(RoomEvent.SipDtmfReceived, (SipDtmf dtmf) => Add("sip_dtmf_received", $"{dtmf.Participant?.Identity} {dtmf.Digit}", dtmf));
        room.On(RoomEvent.TranscriptionReceived, (IReadOnlyList<TranscriptionSegment> segments, Participant? p, TrackPublication? pub) =>
            Add("transcription_received", $"{p?.Identity} {string.Join("|", segments.Select(s => s.Text))}", segments, p, pub));
        room.On(RoomEvent.ActiveSpeakersChanged, (IReadOnlyList<Participant> speakers) => Add("active_speakers_changed", string.Join(",", speakers.Select(s => s.Identity)), speakers));
        room.On(RoomEvent.ConnectionQualityChanged, (Participant p, ConnectionQuality q) => Add("connection_quality_changed", $"{p.Identity} {q}", p, q));
        room.On(RoomEvent.E2eeStateChanged, (Participant p, EncryptionState s) => Add("e2ee_state_changed", $"{p.Identity} {s}", p, s));
        room.On(RoomEvent.ParticipantEncryptionStatusChanged, (Participant p, bool encrypted) => Add("participant_encryption_status_changed", $"{p.Identity} {encrypted}", p, encrypted));
        room.On(RoomEvent.RoomUpdated, () => Add("room_updated", ""));
        room.On(RoomEvent.Moved, () => Add("moved", room.Name));
        room.On(RoomEvent.TokenRefreshed, () => Add("token_refreshed", ""));
    }

    /// <summary>Every event so far, in emit order.</summary>
    public IReadOnlyList<RoomEventRecord> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>The names of the events so far, in order.</summary>
    public IReadOnlyList<string> Names => Events.Select(e => e.Name).ToArray();

    /// <summary>The events so far as "name detail" lines, for assertion messages.</summary>
    public string Describe() => string.Join(Environment.NewLine, Events.Select(e => e.ToString()));

    /// <summary>Waits for the first event (from the start of the log) that matches.</summary>
    public Task<RoomEventRecord> WaitForAsync(string name, string? detail = null) =>
        WaitForAsync(e => e.Name == name && (detail is null || e.Detail == detail), detail is null ? name : $"{name} {detail}");

    public Task<RoomEventRecord> WaitForAsync(Func<RoomEventRecord, bool> predicate, string what) =>
        WaitUntilAsync(events => events.FirstOrDefault(predicate), what);

    /// <summary>Waits until <paramref name="count"/> events of <paramref name="name"/> were emitted; returns them.</summary>
    public async Task<IReadOnlyList<RoomEventRecord>> WaitForCountAsync(string name, int count)
    {
        await WaitUntilAsync(events => events.Where(e => e.Name == name).Skip(count - 1).FirstOrDefault(), $"{count} x {name}");
        return Events.Where(e => e.Name == name).ToArray();
    }

    private async Task<RoomEventRecord> WaitUntilAsync(Func<List<RoomEventRecord>, RoomEventRecord?> probe, string what)
    {
        using var bound = new CancellationTokenSource(Timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (probe(_events) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {what} within {Timeout.TotalSeconds} s. Events:{Environment.NewLine}{Describe()}");
            }
        }
    }

    private void Add(string name, string detail, params object?[] args)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(new RoomEventRecord(name, detail, args));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
