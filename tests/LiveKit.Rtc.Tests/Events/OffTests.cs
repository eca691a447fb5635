using System;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Contract point 4: <c>Off</c> removes by delegate equality and says by its result whether it removed anything.</summary>
public sealed class OffTests
{
    private readonly Room _room = new();
    private int _calls;

    [Fact]
    public void Off_returns_false_for_a_handler_that_is_not_registered()
    {
        Action<RemoteParticipant> registered = Count;
        Action<RemoteParticipant> other = participant => _calls += 100;
        _room.On(RoomEvent.ParticipantConnected, registered);

        Assert.False(_room.Off(RoomEvent.ParticipantConnected, other));
        Assert.False(_room.Off(RoomEvent.ParticipantDisconnected, registered));

        _room.Emit(RoomEvent.ParticipantConnected, Sample.Participant());
        Assert.Equal(1, _calls);
    }

    [Fact]
    public void Off_with_a_handler_field_that_was_never_set_removes_nothing()
    {
        Action<RemoteParticipant>? neverSet = null;
        _room.On(RoomEvent.ParticipantConnected, Count);

        Assert.False(_room.Off(RoomEvent.ParticipantConnected, neverSet));

        _room.Emit(RoomEvent.ParticipantConnected, Sample.Participant());
        Assert.Equal(1, _calls);
    }

    [Fact]
    public void Off_removes_an_equal_delegate_not_only_the_same_instance()
    {
        _room.On(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)Count);

        // A second method-group conversion is a new delegate instance, equal to the first (same target, same method).
        Assert.True(_room.Off(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)Count));
        _room.Emit(RoomEvent.ParticipantConnected, Sample.Participant());

        Assert.Equal(0, _calls);
    }

    [Fact]
    public void Off_removes_one_registration_per_call()
    {
        Action<RemoteParticipant> handler = Count;
        _room.On(RoomEvent.ParticipantConnected, handler);
        _room.On(RoomEvent.ParticipantConnected, handler);

        Assert.True(_room.Off(RoomEvent.ParticipantConnected, handler));
        _room.Emit(RoomEvent.ParticipantConnected, Sample.Participant());
        Assert.Equal(1, _calls);

        Assert.True(_room.Off(RoomEvent.ParticipantConnected, handler));
        Assert.False(_room.Off(RoomEvent.ParticipantConnected, handler));
    }

    [Fact]
    public void Off_in_the_record_form_removes_a_record_form_handler()
    {
        Action<ParticipantConnectedEventArgs> handler = e => _calls++;
        var subscription = _room.On(RoomEvent.ParticipantConnected, handler);

        Assert.True(_room.Off(RoomEvent.ParticipantConnected, handler));

        Assert.False(subscription.IsActive);
    }

    private void Count(RemoteParticipant participant) => _calls++;
}
