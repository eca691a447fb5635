using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = LiveKit.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LiveKit.Analyzers.LK1003DiscardedSubscriptionAnalyzer>;

namespace LiveKit.Analyzers.Tests.LK1003;

public class LK1003DiscardedSubscriptionAnalyzerTests
{
    [Fact]
    public Task DiscardedLambda_WithOffForSameEvent_IsReported_OnArrow() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();

            void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) {|#0:=>|} Console.WriteLine(track));
                _ = _room.Once(RoomEvent.TrackSubscribed, e {|#1:=>|} Console.WriteLine(e.Track));
                _room.On(RoomEvent.TrackSubscribed, {|#2:delegate|} (TrackSubscribedEventArgs e) { });
                _room?.On(RoomEvent.TrackSubscribed, (t, p, rp) {|#3:=>|} { });
            }

            void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) { }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.Once", "lambda", "Listener"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Room.On", "anonymous method", "Listener"),
        Verify.Diagnostic().WithLocation(3).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public Task OffForAnotherEvent_IsNotReported() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();

            void Start() => _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(track));

            void Stop() => _room.Off(RoomEvent.ParticipantConnected, OnJoined);

            void OnJoined(RemoteParticipant participant) { }
        }
        """);

    [Fact]
    public Task NoOff_IsNotReported() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            void Start(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(track));
                _ = room.On(RoomEvent.Connected, () => { });
            }
        }
        """);

    [Fact]
    public Task KeptSubscriptions_AreNotReported() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;
        using LiveKit.Rtc.Events;

        class Listener
        {
            private readonly Room _room = new();
            private EventSubscription? _subscription;

            void Start()
            {
                using var scoped = _room.On(RoomEvent.TrackSubscribed, (t, p, rp) => { });
                _subscription = _room.On(RoomEvent.TrackSubscribed, (t, p, rp) => { });
                var local = _room.Once(RoomEvent.TrackSubscribed, e => { });
                using (_room.On(RoomEvent.TrackSubscribed, e => { }))
                {
                }

                local.Dispose();
            }

            EventSubscription Subscribe() => _room.On(RoomEvent.TrackSubscribed, e => { });

            void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            void OnTrackSubscribed(TrackSubscribedEventArgs e) { }
        }
        """);

    [Fact]
    public Task DiscardedStoredDelegatesAndMethodGroups_AreNotReported() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();
            private readonly Action<TrackSubscribedEventArgs> _handler;

            Listener() => _handler = e => { };

            void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, _handler);
                _room.On(RoomEvent.TrackSubscribed, OnTrackSubscribed);
                _room.On(RoomEvent.TrackSubscribed, Local);

                void Local(TrackSubscribedEventArgs e) { }
            }

            void Stop()
            {
                _room.Off(RoomEvent.TrackSubscribed, _handler);
                _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);
            }

            void OnTrackSubscribed(TrackSubscribedEventArgs e) { }
        }
        """);

    [Fact]
    public async Task OffInAnotherPartialPart_IsReported()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System;
                    using Stub.Rtc;

                    partial class Listener
                    {
                        private readonly Room _room = new();

                        void Start() => _room.On(RoomEvent.ParticipantConnected, participant {|#0:=>|} Console.WriteLine(participant));
                    }
                    """,
                    """
                    using Stub.Rtc;

                    partial class Listener
                    {
                        void Stop() => _room.Off(RoomEvent.ParticipantConnected, OnJoined);

                        void OnJoined(RemoteParticipant participant) { }
                    }
                    """,
                },
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));
        await test.RunAsync();
    }

    [Fact]
    public Task OffInNestedType_DoesNotCountForOuterType() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class Outer
        {
            void Start(Room room) => room.On(RoomEvent.ParticipantConnected, participant => Console.WriteLine(participant));

            class Inner
            {
                void Start(Room room) => room.On(RoomEvent.Connected, () {|#0:=>|} { });

                void Stop(Room room) => room.Off(RoomEvent.ParticipantConnected, OnJoined);

                void Stop2(Room room) => room.Off(RoomEvent.Connected, OnConnected);

                void OnJoined(RemoteParticipant participant) { }

                void OnConnected() { }
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Inner"));

    [Fact]
    public async Task TopLevelStatements_AreReported()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    """
                    using System;
                    using Stub.Rtc;

                    var room = new Room();
                    room.On(RoomEvent.ParticipantConnected, participant {|#0:=>|} Console.WriteLine(participant));
                    room.Off(RoomEvent.ParticipantConnected, participant => Console.WriteLine(participant));
                    """,
                },
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Program"));
        await test.RunAsync();
    }

    [Fact]
    public Task MethodsNamedOnOffOutsideLiveKit_AreNotReported() => Verify.VerifyAsync(
        """
        using System;

        class Emitter
        {
            public IDisposable? On(string name, Action<int> handler) => null;
            public bool Off(string name, Action<int> handler) => false;
        }

        class Listener
        {
            void Start(Emitter emitter) => emitter.On("x", i => { });

            void Stop(Emitter emitter) => emitter.Off("x", Handler);

            void Handler(int i) { }
        }
        """);
}
