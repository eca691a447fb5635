using System;
using System.Threading.Tasks;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>
/// Contract point 5: an async handler is refused at run time with <see cref="ArgumentException"/>, by <c>On</c> and by
/// <c>Once</c>, in both forms (analyzer LK1001 refuses it at compile time; it is suppressed in this project).
/// </summary>
public sealed class AsyncHandlerTests
{
    private readonly Room _room = new();
    private bool _invoked;

    [Fact]
    public void On_refuses_an_async_positional_lambda()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _room.On(RoomEvent.TrackSubscribed, async (track, publication, participant) => await MarkInvokedAsync()));

        Assert.Equal("handler", error.ParamName);
        Assert.Contains("track_subscribed", error.Message);
        AssertNothingRegistered();
    }

    [Fact]
    public void On_refuses_an_async_record_lambda()
    {
        Assert.Throws<ArgumentException>(() => _room.On(RoomEvent.TrackSubscribed, async e => await MarkInvokedAsync()));
        AssertNothingRegistered();
    }

    [Fact]
    public void Once_refuses_an_async_positional_lambda()
    {
        Assert.Throws<ArgumentException>(() =>
            _room.Once(RoomEvent.TrackSubscribed, async (track, publication, participant) => await MarkInvokedAsync()));
        AssertNothingRegistered();
    }

    [Fact]
    public void Once_refuses_an_async_record_lambda()
    {
        Assert.Throws<ArgumentException>(() => _room.Once(RoomEvent.TrackSubscribed, async e => await MarkInvokedAsync()));
        AssertNothingRegistered();
    }

    [Fact]
    public void On_and_Once_refuse_an_async_void_method()
    {
        Assert.Throws<ArgumentException>(() => _room.On(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)OnParticipantAsync));
        Assert.Throws<ArgumentException>(() => _room.Once(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)OnParticipantAsync));

        _room.Emit(RoomEvent.ParticipantConnected, Sample.Participant());
        Assert.False(_invoked);
    }

    [Fact]
    public void A_synchronous_handler_that_starts_a_task_is_accepted()
    {
        // The shape code fix LK1001 produces: a synchronous handler that starts the asynchronous work.
        using var subscription = _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => _ = MarkInvokedAsync());

        Assert.True(subscription.IsActive);
    }

    private void AssertNothingRegistered()
    {
        _room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), Sample.Participant());
        Assert.False(_invoked);
    }

    private async Task MarkInvokedAsync()
    {
        _invoked = true;
        await Task.Yield();
    }

    private async void OnParticipantAsync(RemoteParticipant participant) => await MarkInvokedAsync();
}
