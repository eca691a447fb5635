using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Contract point 1: <c>On</c> returns a subscription whose <c>Dispose</c> removes exactly that registration.</summary>
public sealed class SubscriptionTests
{
    private readonly Room _room = new();
    private readonly RemoteParticipant _alice = Sample.Participant();
    private int _calls;

    [Fact]
    public void Dispose_removes_exactly_that_registration_of_a_delegate_registered_twice()
    {
        System.Action<RemoteParticipant> handler = Count;
        var first = _room.On(RoomEvent.ParticipantConnected, handler);
        var second = _room.On(RoomEvent.ParticipantConnected, handler);

        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        Assert.Equal(2, _calls);

        first.Dispose();
        _room.Emit(RoomEvent.ParticipantConnected, _alice);

        Assert.Equal(3, _calls);
        Assert.False(first.IsActive);
        Assert.True(second.IsActive);

        // Disposing again must not remove the other registration of the same delegate.
        first.Dispose();
        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        Assert.Equal(4, _calls);

        second.Dispose();
        _room.Emit(RoomEvent.ParticipantConnected, _alice);
        Assert.Equal(4, _calls);
    }

    [Fact]
    public void Dispose_of_a_pending_Once_removes_it()
    {
        var once = _room.Once(RoomEvent.ParticipantConnected, (ParticipantConnectedEventArgs _) => _calls++);
        Assert.True(once.IsActive);

        once.Dispose();
        _room.Emit(RoomEvent.ParticipantConnected, _alice);

        Assert.Equal(0, _calls);
        Assert.False(once.IsActive);
    }

    [Fact]
    public void A_using_scope_ends_the_registration()
    {
        using (_room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => _calls++))
        {
            _room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), _alice);
        }

        _room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), _alice);

        Assert.Equal(1, _calls);
    }

    [Fact]
    public void A_subscription_names_its_event()
    {
        using var subscription = _room.On(RoomEvent.TrackSubscribed, e => _calls++);

        Assert.Equal("track_subscribed", subscription.EventName);
        Assert.Equal(RoomEvent.TrackSubscribedKey.Name, subscription.EventName);
    }

    private void Count(RemoteParticipant participant) => _calls++;
}
