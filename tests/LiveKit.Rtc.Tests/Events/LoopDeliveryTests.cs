using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>
/// How events reach handlers: the room emits from its room loop, so handlers run there, one at a time, in emit
/// order. Contract point 8 (handlers registered before ConnectAsync see every event) needs ConnectAsync, which does
/// not exist yet; what holds today is that handlers registered before work is posted see every event that work emits.
/// </summary>
public sealed class LoopDeliveryTests
{
    [Fact]
    public async Task Handlers_registered_before_posting_see_every_event_in_order_on_the_room_loop()
    {
        using var context = new SingleThreadSynchronizationContext();
        var room = await context.RunAsync(() => new Room());
        var seen = new ConcurrentQueue<(string Identity, int ThreadId, bool OnLoop)>();
        room.On(RoomEvent.ParticipantConnected, participant =>
            seen.Enqueue((participant.Identity, System.Environment.CurrentManagedThreadId, room.Loop.IsRunningOnCurrentThread)));

        // As a network loop does: post what arrived; the loop applies it and emits.
        var identities = Enumerable.Range(0, 500).Select(i => $"participant-{i}").ToArray();
        foreach (var identity in identities)
        {
            room.Loop.Post(static state =>
            {
                var participant = Sample.Participant(state.Identity);
                state.Room.AddRemoteParticipant(participant);
                state.Room.Emit(RoomEvent.ParticipantConnected, participant);
            }, (Room: room, Identity: identity));
        }

        await room.Loop.InvokeAsync(() => { });

        Assert.Equal(identities, seen.Select(s => s.Identity));
        Assert.All(seen, s => Assert.Equal(context.ThreadId, s.ThreadId));
        Assert.All(seen, s => Assert.True(s.OnLoop));
        Assert.Equal(500, room.RemoteParticipants.Count);
    }

    [Fact]
    public async Task A_handler_sees_the_room_state_as_of_its_event()
    {
        var room = new Room();
        var countSeenByHandler = -1;
        room.On(RoomEvent.ParticipantConnected, participant => countSeenByHandler = room.RemoteParticipants.Count);

        await room.Loop.InvokeAsync(() =>
        {
            var alice = Sample.Participant("alice");
            room.AddRemoteParticipant(alice);
            room.Emit(RoomEvent.ParticipantConnected, alice);
        });

        Assert.Equal(1, countSeenByHandler);
    }
}
