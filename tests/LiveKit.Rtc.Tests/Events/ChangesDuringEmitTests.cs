using System;
using System.Collections.Generic;
using System.Threading;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>
/// Contract point 7: handlers added or removed during an emit take effect from the next emit, whether the change
/// comes from a handler of that emit or from another thread.
/// </summary>
public sealed class ChangesDuringEmitTests
{
    private readonly Room _room = new();
    private readonly RemoteParticipant _alice = Sample.Participant();
    private readonly List<string> _ran = [];

    [Fact]
    public void A_handler_added_by_a_handler_runs_from_the_next_emit()
    {
        var added = false;
        _room.On(RoomEvent.ParticipantConnected, participant =>
        {
            _ran.Add("adder");
            if (!added)
            {
                added = true;
                _room.On(RoomEvent.ParticipantConnected, p => _ran.Add("added"));
                _room.Once(RoomEvent.ParticipantConnected, p => _ran.Add("added once"));
            }
        });

        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        Assert.Equal(["adder"], _ran);

        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        Assert.Equal(["adder", "adder", "added", "added once"], _ran);
    }

    [Fact]
    public void A_handler_removed_by_a_handler_still_runs_in_that_emit_and_not_after()
    {
        Action<RemoteParticipant> removed = participant => _ran.Add("removed");
        EventSubscriptionHolder later = new();
        _room.On(RoomEvent.ParticipantConnected, participant =>
        {
            _ran.Add("remover");
            _room.Off(RoomEvent.ParticipantConnected, removed);
            later.Subscription!.Dispose();
        });
        _room.On(RoomEvent.ParticipantConnected, removed);
        later.Subscription = _room.On(RoomEvent.ParticipantConnected, p => _ran.Add("disposed"));

        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        _room.Emit(RoomEvent.ParticipantConnected, _alice);

        Assert.Equal(["remover", "removed", "disposed", "remover"], _ran);
    }

    [Fact]
    public void A_handler_removing_itself_runs_to_the_end_of_that_emit_only()
    {
        EventSubscriptionHolder self = new();
        var calls = 0;
        self.Subscription = _room.On(RoomEvent.ParticipantConnected, participant =>
        {
            calls++;
            self.Subscription!.Dispose();
        });

        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        _room.Emit(RoomEvent.ParticipantConnected, _alice);

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Off_from_another_thread_during_an_emit_takes_effect_from_the_next_emit()
    {
        using var inEmit = new ManualResetEventSlim();
        using var removed = new ManualResetEventSlim();
        var removedResult = false;
        Action<RemoteParticipant> target = participant => _ran.Add("target");
        _room.On(RoomEvent.ParticipantConnected, participant =>
        {
            if (_ran.Count == 0)
            {
                // First emit: hold it here while another thread removes the handler that comes next.
                inEmit.Set();
                removed.Wait();
            }

            _ran.Add("holder");
        });
        _room.On(RoomEvent.ParticipantConnected, target);

        var remover = new Thread(() =>
        {
            inEmit.Wait();
            removedResult = _room.Off(RoomEvent.ParticipantConnected, target);
            removed.Set();
        });
        remover.Start();

        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        remover.Join();
        _room.Emit(RoomEvent.ParticipantConnected, _alice);

        Assert.True(removedResult);
        Assert.Equal(["holder", "target", "holder"], _ran);
    }

    [Fact]
    public void Racing_registrations_and_removals_never_disturb_an_emit()
    {
        // One thread emits while another keeps adding and removing a handler. Every emit must run the stable
        // handler exactly once, and the toggled handler at most once, whatever the interleaving.
        const int Emits = 20_000;
        var emitter = new TestEmitter(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var stable = 0;
        var toggledPerEmit = 0;
        var maxToggledPerEmit = 0;
        var stableMismatches = 0;
        Action<int> toggled = value => toggledPerEmit++;
        emitter.On(TestEvent.ValueChanged, value => stable++);

        var done = 0;
        var toggler = new Thread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                var subscription = emitter.On(TestEvent.ValueChanged, toggled);
                emitter.Once(TestEvent.ValueChanged, toggled);
                emitter.Off(TestEvent.ValueChanged, toggled);
                subscription.Dispose();
            }
        });
        toggler.Start();

        for (var i = 0; i < Emits; i++)
        {
            var stableBefore = stable;
            toggledPerEmit = 0;
            emitter.Emit(TestEvent.ValueChanged, i);
            if (stable != stableBefore + 1)
            {
                stableMismatches++;
            }

            maxToggledPerEmit = Math.Max(maxToggledPerEmit, toggledPerEmit);
        }

        Volatile.Write(ref done, 1);
        toggler.Join();

        Assert.Equal(0, stableMismatches);
        Assert.Equal(Emits, stable);
        Assert.InRange(maxToggledPerEmit, 0, 2);
    }

    private sealed class EventSubscriptionHolder
    {
        public IDisposable? Subscription { get; set; }
    }
}
