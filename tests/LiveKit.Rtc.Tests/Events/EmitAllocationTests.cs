using System;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Contract point 9: an emit allocates nothing, in either handler form.</summary>
public sealed class EmitAllocationTests
{
    private const int WarmUpEmits = 1_000;
    private const int MeasuredEmits = 10_000;

    private readonly Track _track = Sample.Track();
    private readonly RemoteTrackPublication _publication = Sample.Publication();
    private readonly RemoteParticipant _participant = Sample.Participant();
    private long _calls;

    [Fact]
    public void An_emit_to_positional_handlers_allocates_nothing()
    {
        var room = new Room();
        for (var i = 0; i < 4; i++)
        {
            room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => _calls++);
        }

        AssertNoAllocation(() => room.Emit(RoomEvent.TrackSubscribed, _track, _publication, _participant));
        Assert.Equal(4L * (WarmUpEmits + MeasuredEmits), _calls);
    }

    [Fact]
    public void An_emit_to_record_handlers_allocates_nothing()
    {
        var room = new Room();
        for (var i = 0; i < 4; i++)
        {
            room.On(RoomEvent.TrackSubscribed, e => _calls++);
        }

        AssertNoAllocation(() => room.Emit(RoomEvent.TrackSubscribed, _track, _publication, _participant));
        Assert.Equal(4L * (WarmUpEmits + MeasuredEmits), _calls);
    }

    [Fact]
    public void An_emit_to_mixed_handlers_and_spent_Once_handlers_allocates_nothing()
    {
        var room = new Room();
        room.On(RoomEvent.TrackSubscribed, e => _calls++);
        room.Once(RoomEvent.TrackSubscribed, e => _calls++);
        room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => _calls++);
        room.Once(RoomEvent.TrackSubscribed, (track, publication, participant) => _calls++);

        AssertNoAllocation(() => room.Emit(RoomEvent.TrackSubscribed, _track, _publication, _participant));
        Assert.Equal(2L * (WarmUpEmits + MeasuredEmits) + 2, _calls);
    }

    [Fact]
    public void An_emit_without_handlers_allocates_nothing()
    {
        var room = new Room();

        AssertNoAllocation(() => room.Emit(RoomEvent.TrackSubscribed, _track, _publication, _participant));
    }

    [Fact]
    public void Emits_of_value_type_and_zero_argument_events_allocate_nothing()
    {
        // Value-type arguments must reach both forms without boxing.
        var emitter = new TestEmitter(NullLogger.Instance);
        emitter.On(TestEvent.MessageReceived, (sender, text, sequence) => _calls += sequence);
        emitter.On(TestEvent.MessageReceived, e => _calls += e.Sequence);
        emitter.On(TestEvent.ValueChanged, value => _calls += value);
        emitter.On(TestEvent.ValueChanged, (ValueChangedEventArgs e) => _calls += e.Value);
        emitter.On(TestEvent.Pinged, () => _calls++);
        emitter.On(TestEvent.Pinged, (PingedEventArgs _) => _calls++);

        AssertNoAllocation(() =>
        {
            emitter.Emit(TestEvent.MessageReceived, "alice", "hello", 1L);
            emitter.Emit(TestEvent.ValueChanged, 1);
            emitter.Emit(TestEvent.Pinged);
        });
        Assert.Equal(6L * (WarmUpEmits + MeasuredEmits), _calls);
    }

    private static void AssertNoAllocation(Action emit)
    {
        for (var i = 0; i < WarmUpEmits; i++)
        {
            emit();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredEmits; i++)
        {
            emit();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
