using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Contract point 3: <c>Once</c> runs at most once, even when emits race; <c>Off</c> also removes a pending <c>Once</c>.</summary>
public sealed class OnceTests
{
    [Fact]
    public void Once_runs_once_when_two_emits_race()
    {
        // Many emitters, each with one Once handler; two threads meet at a spinning rendezvous and emit on the same
        // emitter, iteration after iteration. Whatever the interleaving, each handler must have run exactly once.
        // (A blocking Barrier wakes its last waiter microseconds late, so the emits would rarely overlap.)
        const int Iterations = 5_000;
        var emitters = Enumerable.Range(0, Iterations).Select(_ => new TestEmitter(NullLogger.Instance)).ToArray();
        var calls = new int[Iterations];
        var arrived = new int[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var index = i;
            if (i % 2 == 0)
            {
                emitters[i].Once(TestEvent.ValueChanged, value => Interlocked.Increment(ref calls[index]));
            }
            else
            {
                emitters[i].Once(TestEvent.ValueChanged, (ValueChangedEventArgs e) => Interlocked.Increment(ref calls[index]));
            }
        }

        var emitting = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                Interlocked.Increment(ref arrived[i]);
                var spin = new SpinWait();
                while (Volatile.Read(ref arrived[i]) < 2)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }

                emitters[i].Emit(TestEvent.ValueChanged, i);
            }
        })).ToArray();
        foreach (var thread in emitting)
        {
            thread.Start();
        }

        foreach (var thread in emitting)
        {
            thread.Join();
        }

        Assert.All(calls, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_Once_handler_that_ran_is_gone()
    {
        var room = new Room();
        var calls = 0;
        System.Action handler = () => calls++;
        var subscription = room.Once(RoomEvent.Connected, handler);

        room.Emit(RoomEvent.Connected);
        room.Emit(RoomEvent.Connected);

        Assert.Equal(1, calls);
        Assert.False(subscription.IsActive);
        Assert.False(room.Off(RoomEvent.Connected, handler));
    }

    [Fact]
    public void Off_removes_a_pending_Once_by_the_original_delegate_in_both_forms()
    {
        var room = new Room();
        var calls = 0;
        System.Action<Track, RemoteTrackPublication, RemoteParticipant> positional = (t, p, part) => calls++;
        System.Action<TrackSubscribedEventArgs> record = e => calls++;
        var positionalOnce = room.Once(RoomEvent.TrackSubscribed, positional);
        var recordOnce = room.Once(RoomEvent.TrackSubscribed, record);

        Assert.True(room.Off(RoomEvent.TrackSubscribed, positional));
        Assert.True(room.Off(RoomEvent.TrackSubscribed, record));
        room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), Sample.Participant());

        Assert.Equal(0, calls);
        Assert.False(positionalOnce.IsActive);
        Assert.False(recordOnce.IsActive);
    }

    [Fact]
    public void Once_on_a_zero_argument_event_offers_both_forms()
    {
        var room = new Room();
        var calls = 0;
        room.Once(RoomEvent.Connected, () => calls++);
        room.Once(RoomEvent.Connected, (ConnectedEventArgs _) => calls += 10);

        room.Emit(RoomEvent.Connected);
        room.Emit(RoomEvent.Connected);

        Assert.Equal(11, calls);
    }
}
