using System.Threading.Tasks;
using LiveKit.Analyzers.CodeFixes;
using Xunit;
using VerifyLK1001 = LiveKit.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LiveKit.Analyzers.LK1001AsyncHandlerAnalyzer>;
using VerifyLK1001Fix = LiveKit.Analyzers.Tests.Infrastructure.CodeFixVerifier<LiveKit.Analyzers.LK1001AsyncHandlerAnalyzer, LiveKit.Analyzers.CodeFixes.LK1001AsyncHandlerCodeFixProvider>;
using VerifyLK1002 = LiveKit.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LiveKit.Analyzers.LK1002UnremovableOffAnalyzer>;
using VerifyLK1003 = LiveKit.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LiveKit.Analyzers.LK1003DiscardedSubscriptionAnalyzer>;
using VerifyLK1003Fix = LiveKit.Analyzers.Tests.Infrastructure.CodeFixVerifier<LiveKit.Analyzers.LK1003DiscardedSubscriptionAnalyzer, LiveKit.Analyzers.CodeFixes.LK1003DiscardedSubscriptionCodeFixProvider>;

namespace LiveKit.Analyzers.Tests.RealRoom;

/// <summary>The rules against the real, generated <c>LiveKit.Rtc.Room</c> event API.</summary>
public class RealRoomApiTests
{
    [Fact]
    public Task LK1001_AsyncLambdaAndAsyncVoidMethodGroup() => VerifyLK1001.VerifyAsync(
        """
        using System.Threading.Tasks;
        using LiveKit.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:async|} (track, publication, participant) => await Task.Yield());
                room.Once(RoomEvent.ParticipantConnected, {|#1:OnJoined|});
                room.On(RoomEvent.Connected, () => { });
            }

            async void OnJoined(RemoteParticipant participant) => await Task.Yield();
        }
        """,
        VerifyLK1001.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"),
        VerifyLK1001.Diagnostic().WithLocation(1).WithArguments("Room.Once", "the async void method 'OnJoined'"));

    [Fact]
    public Task LK1001_Fix() => VerifyLK1001Fix.VerifyFixAsync(
        """
        using System;
        using System.Threading.Tasks;
        using LiveKit.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:async|} e =>
                {
                    await Task.Delay(10);
                    Console.WriteLine(e.Track);
                });
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using LiveKit.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, e =>
                {
                    _ = HandleAsync();

                    async Task HandleAsync()
                    {
                        try
                        {
                            await Task.Delay(10);
                            Console.WriteLine(e.Track);
                        }
                        catch (Exception exception)
                        {
                            Console.Error.WriteLine(exception);
                        }
                    }
                });
            }
        }
        """,
        LK1001AsyncHandlerCodeFixProvider.EquivalenceKey,
        VerifyLK1001Fix.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"));

    [Fact]
    public Task LK1002_LambdaAndWrappedDelegate_MethodGroupAndStoredDelegateAreFine() => VerifyLK1002.VerifyAsync(
        """
        using System;
        using LiveKit.Rtc;

        class C
        {
            private readonly Action<Track, RemoteTrackPublication, RemoteParticipant> _handler = (t, p, rp) => { };

            void M(Room room)
            {
                room.Off(RoomEvent.TrackSubscribed, (track, publication, participant) {|#0:=>|} { });
                room.Off(RoomEvent.TrackSubscribed, {|#1:new|} Action<Track, RemoteTrackPublication, RemoteParticipant>(_handler));
                room.Off(RoomEvent.TrackSubscribed, _handler);
                room.Off(RoomEvent.ParticipantConnected, OnJoined);
            }

            void OnJoined(RemoteParticipant participant) { }
        }
        """,
        VerifyLK1002.Diagnostic().WithLocation(0).WithArguments("lambda", "Room.Off"),
        VerifyLK1002.Diagnostic().WithLocation(1).WithArguments("new delegate", "Room.Off"));

    [Fact]
    public Task LK1003_DiscardedLambda_KeptSubscriptionIsFine() => VerifyLK1003.VerifyAsync(
        """
        using System;
        using LiveKit.Rtc;

        sealed class Listener : IDisposable
        {
            private readonly Room _room;
            private readonly IDisposable _kept;

            public Listener(Room room)
            {
                _room = room;
                _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) {|#0:=>|} Console.WriteLine(track));
                _kept = _room.On(RoomEvent.ParticipantConnected, participant => Console.WriteLine(participant));
                _room.On(RoomEvent.TrackSubscribed, OnTrackSubscribed);
            }

            public void Dispose()
            {
                _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);
                _room.Off(RoomEvent.ParticipantConnected, OnJoined);
                _kept.Dispose();
            }

            private void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) { }

            private void OnJoined(RemoteParticipant participant) { }
        }
        """,
        VerifyLK1003.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public Task LK1003_KeepSubscriptionFix() => VerifyLK1003Fix.VerifyFixAsync(
        """
        using System;
        using LiveKit.Rtc;

        sealed class Listener
        {
            private readonly Room _room = new();

            public void Start() => _room.On(RoomEvent.Disconnected, reason {|#0:=>|} Console.WriteLine(reason));

            public void Stop() => _room.Off(RoomEvent.Disconnected, OnDisconnected);

            private void OnDisconnected(DisconnectReason reason) { }
        }
        """,
        """
        using System;
        using LiveKit.Rtc;
        using LiveKit.Rtc.Events;

        sealed class Listener
        {
            private readonly Room _room = new();
            private EventSubscription? _disconnectedSubscription;

            public void Start() => _disconnectedSubscription = _room.On(RoomEvent.Disconnected, reason => Console.WriteLine(reason));

            public void Stop() => _room.Off(RoomEvent.Disconnected, OnDisconnected);

            private void OnDisconnected(DisconnectReason reason) { }
        }
        """,
        LK1003DiscardedSubscriptionCodeFixProvider.KeepSubscriptionEquivalenceKey,
        VerifyLK1003Fix.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));
}
