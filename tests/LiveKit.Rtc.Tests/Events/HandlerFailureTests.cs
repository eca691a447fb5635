using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Contract point 6: a handler's exception is logged with the event's and the handler's names; the other handlers still run.</summary>
public sealed class HandlerFailureTests
{
    private readonly TestLogger _log = new();
    private readonly List<string> _ran = [];

    [Fact]
    public void A_throwing_handler_is_logged_and_the_other_handlers_run()
    {
        var room = new Room(_log);
        room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => _ran.Add("before"));
        room.On(RoomEvent.TrackSubscribed, ThrowingHandler);
        room.On(RoomEvent.TrackSubscribed, e => _ran.Add("after"));

        room.Emit(RoomEvent.TrackSubscribed, Sample.Track(), Sample.Publication(), Sample.Participant());

        Assert.Equal(["before", "after"], _ran);
        var error = Assert.Single(_log.Errors);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains("track_subscribed", error.Message);
        Assert.Contains(nameof(ThrowingHandler), error.Message);
        Assert.Contains(typeof(HandlerFailureTests).FullName!, error.Message);
        var thrown = Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Equal("handler failed", thrown.Message);
    }

    [Fact]
    public void A_throwing_record_form_handler_is_logged_and_the_emitter_keeps_working()
    {
        var room = new Room(_log);
        room.On(RoomEvent.ParticipantConnected, (Action<ParticipantConnectedEventArgs>)ThrowingRecordHandler);
        room.On(RoomEvent.ParticipantConnected, participant => _ran.Add(participant.Identity));

        room.Emit(RoomEvent.ParticipantConnected, Sample.Participant("alice"));
        room.Emit(RoomEvent.ParticipantConnected, Sample.Participant("bob"));

        Assert.Equal(["alice", "bob"], _ran);
        Assert.Equal(2, _log.Errors.Count);
        Assert.All(_log.Errors, e => Assert.Contains("participant_connected", e.Message));
        Assert.All(_log.Errors, e => Assert.Contains(nameof(ThrowingRecordHandler), e.Message));
    }

    [Fact]
    public void A_throwing_Once_handler_is_logged_and_consumed()
    {
        var emitter = new TestEmitter(_log);
        var subscription = emitter.Once(TestEvent.Pinged, ThrowingPing);

        emitter.Emit(TestEvent.Pinged);
        emitter.Emit(TestEvent.Pinged);

        Assert.False(subscription.IsActive);
        var error = Assert.Single(_log.Errors);
        Assert.Contains("pinged", error.Message);
        Assert.Contains(nameof(ThrowingPing), error.Message);
    }

    [Fact]
    public void Handlers_that_throw_one_after_another_are_each_logged_and_the_rest_run()
    {
        var room = new Room(_log);
        room.On(RoomEvent.Connected, ThrowingPing);
        room.On(RoomEvent.Connected, ThrowingPing);
        room.On(RoomEvent.Connected, () => _ran.Add("last"));

        room.Emit(RoomEvent.Connected);

        Assert.Equal(["last"], _ran);
        Assert.Equal(2, _log.Errors.Count);
    }

    [Fact]
    public void A_throwing_lambda_is_logged_with_the_method_it_is_written_in()
    {
        var room = new Room(_log);
        room.On(RoomEvent.Connected, () => throw new InvalidOperationException("handler failed"));

        room.Emit(RoomEvent.Connected);

        var error = Assert.Single(_log.Errors);
        Assert.Contains($"{typeof(HandlerFailureTests).FullName}.{nameof(A_throwing_lambda_is_logged_with_the_method_it_is_written_in)} (lambda)", error.Message);
    }

    [Fact]
    public void A_logger_that_throws_does_not_stop_the_other_handlers()
    {
        var room = new Room(new ThrowingLogger());
        room.On(RoomEvent.Connected, ThrowingPing);
        room.On(RoomEvent.Connected, () => _ran.Add("after"));

        room.Emit(RoomEvent.Connected);

        Assert.Equal(["after"], _ran);
    }

    private sealed class ThrowingLogger : ILogger, ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new InvalidOperationException("logger failed");
    }

    private static void ThrowingHandler(Track track, RemoteTrackPublication publication, RemoteParticipant participant) =>
        throw new InvalidOperationException("handler failed");

    private static void ThrowingRecordHandler(ParticipantConnectedEventArgs e) => throw new InvalidOperationException("handler failed");

    private static void ThrowingPing() => throw new InvalidOperationException("handler failed");
}
