using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Interop.Tests.LiveKitServer;
using LiveKit.Rtc;
using LiveKit.Rtc.Tests.Client;
using LiveKit.Testing;

namespace LiveKit.Interop.Tests.RoomClient;

/// <summary>
/// A participant of our SDK (<see cref="Room"/>) in a room of the test server, beside livekit-client pages: the room,
/// the log of every event it emitted since before it connected (<see cref="RoomEventLog"/>, shared with the unit
/// tests), and waits for events that came after a mark.
/// </summary>
internal sealed class SdkParticipant : IAsyncDisposable
{
    private SdkParticipant(Room room, RoomEventLog log)
    {
        Room = room;
        Log = log;
    }

    /// <summary>The SDK's room.</summary>
    public Room Room { get; }

    /// <summary>Every event the room emitted, from before ConnectAsync on.</summary>
    public RoomEventLog Log { get; }

    /// <summary>The room's local participant; throws before the room has connected.</summary>
    public LocalParticipant Local => Room.LocalParticipant ?? throw new InvalidOperationException("not connected");

    /// <summary>
    /// Creates a room, registers the log (and then <paramref name="beforeConnect"/>, for handlers a test needs at
    /// <c>connected</c>), and connects as <paramref name="identity"/> with a token the server issues. Bounded by
    /// <see cref="ServerScenario.TestTimeout"/> as well as by <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task<SdkParticipant> JoinAsync(
        LiveKitTestServer server,
        string identity,
        string room,
        CancellationToken cancellationToken,
        VideoGrants? grants = null,
        RoomOptions? options = null,
        Action<Room>? beforeConnect = null)
    {
        var sdkRoom = new Room();
        var log = new RoomEventLog(sdkRoom);
        beforeConnect?.Invoke(sdkRoom);
        try
        {
            // server.Url is ws://127.0.0.1:port/, as the SDK takes it.
            await sdkRoom.ConnectAsync(server.Url.ToString(), server.CreateToken(identity, room, grants), options, cancellationToken)
                .WaitAsync(ServerScenario.TestTimeout, cancellationToken);
        }
        catch
        {
            await sdkRoom.DisposeAsync();
            throw;
        }

        return new SdkParticipant(sdkRoom, log);
    }

    /// <summary>The events logged so far: a mark for <see cref="WaitAfterAsync"/>.</summary>
    public IReadOnlyList<RoomEventRecord> Mark() => Log.Events;

    /// <summary>The events logged up to and including <paramref name="record"/>: a mark for <see cref="WaitAfterAsync"/>.</summary>
    public IReadOnlyList<RoomEventRecord> MarkThrough(RoomEventRecord record) => Log.Events.Take(IndexOf(record) + 1).ToArray();

    /// <summary>The first event named <paramref name="name"/> that is not in <paramref name="mark"/> and matches <paramref name="predicate"/>.</summary>
    public Task<RoomEventRecord> WaitAfterAsync(IReadOnlyList<RoomEventRecord> mark, string name, Func<RoomEventRecord, bool>? predicate = null)
    {
        var before = new HashSet<RoomEventRecord>(mark, ReferenceEqualityComparer.Instance);
        return Log.WaitForAsync(e => e.Name == name && !before.Contains(e) && (predicate is null || predicate(e)), $"{name} after {mark.Count} events");
    }

    /// <summary>Where <paramref name="record"/> is in the log (by reference), -1 when it is not.</summary>
    public int IndexOf(RoomEventRecord record)
    {
        IReadOnlyList<RoomEventRecord> events = Log.Events;
        for (int i = 0; i < events.Count; i++)
        {
            if (ReferenceEquals(events[i], record))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The events so far named <paramref name="name"/> whose arguments include <paramref name="argument"/> (by reference).</summary>
    public IReadOnlyList<RoomEventRecord> EventsAbout(string name, object argument) =>
        Log.Events.Where(e => e.Name == name && e.Args.Any(a => ReferenceEquals(a, argument))).ToArray();

    /// <summary>Disconnects and stops the room's loop.</summary>
    public ValueTask DisposeAsync() => Room.DisposeAsync();
}
