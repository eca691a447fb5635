using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using LiveKit.Rtc.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.Rtc;

/// <summary>
/// A LiveKit room as this client sees it: its participants, their tracks, and the events that report every change.
/// </summary>
/// <remarks>
/// <para>
/// Events are subscribed with the generated, compile-time checked <c>On</c>, <c>Once</c> and <c>Off</c> methods, keyed
/// by <see cref="RoomEvent"/>: <c>room.On(RoomEvent.TrackSubscribed, (track, publication, participant) =&gt; ...)</c>.
/// </para>
/// <para>
/// The room owns a room loop, a serialized work queue: what the network receives is posted there, applied to the
/// room's state, and then emitted. So handlers run one at a time, in emit order, never on a network thread, and
/// see the room as of their event. When a <see cref="System.Threading.SynchronizationContext"/> is current where the
/// room is created (a UI thread, for instance), the loop and so the handlers run there.
/// </para>
/// </remarks>
public sealed partial class Room : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ILogger _signalLogger;
    private ImmutableDictionary<string, RemoteParticipant> _remoteParticipants = ImmutableDictionary<string, RemoteParticipant>.Empty;

    /// <summary>Creates a room that is not connected yet.</summary>
    /// <param name="loggerFactory">Where the room logs, handler failures included; nothing is logged when null.</param>
    public Room(ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<Room>();
        _signalLogger = loggerFactory.CreateLogger("LiveKit.Rtc.Signaling");
        Loop = RoomLoop.CaptureCurrent(loggerFactory.CreateLogger<RoomLoop>());
    }

    /// <summary>The room's name; empty until connected.</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>The room's server-assigned id (<c>RM_...</c>); empty until connected.</summary>
    public string Sid { get; internal set; } = string.Empty;

    /// <summary>The room's metadata, an application-defined string; empty when none was set.</summary>
    public string Metadata { get; internal set; } = string.Empty;

    /// <summary>The state of the room's connection.</summary>
    public ConnectionState ConnectionState { get; internal set; } = ConnectionState.Disconnected;

    /// <summary>This client as a participant of the room; null until connected.</summary>
    public LocalParticipant? LocalParticipant { get; internal set; }

    /// <summary>The other participants of the room, by identity: an immutable snapshot, replaced on each change.</summary>
    public IReadOnlyDictionary<string, RemoteParticipant> RemoteParticipants => _remoteParticipants;

    /// <summary>How many participants the room has, this client included, as the server last counted them.</summary>
    public int NumParticipants { get; internal set; }

    /// <summary>How many participants publish tracks, as the server last counted them.</summary>
    public int NumPublishers { get; internal set; }

    /// <summary>True while the room is being recorded (an egress is active).</summary>
    public bool IsRecording { get; internal set; }

    /// <summary>The room loop: where network input is applied to the room's state and events are emitted.</summary>
    internal RoomLoop Loop { get; }

    // Declared by the event generator (once per emitter class); handler failures are logged here.
    private partial ILogger EventLogger => _logger;

    /// <summary>Adds or replaces the remote participant with <paramref name="participant"/>'s identity. Runs on the room loop.</summary>
    internal void AddRemoteParticipant(RemoteParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        _remoteParticipants = _remoteParticipants.SetItem(participant.Identity, participant);
    }

    /// <summary>Removes the remote participant with <paramref name="identity"/>; returns it, or null when there was none. Runs on the room loop.</summary>
    internal RemoteParticipant? RemoveRemoteParticipant(string identity)
    {
        if (!_remoteParticipants.TryGetValue(identity, out var participant))
        {
            return null;
        }

        _remoteParticipants = _remoteParticipants.Remove(identity);
        return participant;
    }
}
