using System.Threading.Tasks;
using LiveKit.Analyzers.CodeFixes;
using LiveKit.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = LiveKit.Analyzers.Tests.Infrastructure.CodeFixVerifier<LiveKit.Analyzers.LK1003DiscardedSubscriptionAnalyzer, LiveKit.Analyzers.CodeFixes.LK1003DiscardedSubscriptionCodeFixProvider>;

namespace LiveKit.Analyzers.Tests.LK1003;

public class LK1003DiscardedSubscriptionCodeFixTests
{
    private const string StoreHandler = LK1003DiscardedSubscriptionCodeFixProvider.StoreHandlerEquivalenceKey;
    private const string KeepSubscription = LK1003DiscardedSubscriptionCodeFixProvider.KeepSubscriptionEquivalenceKey;

    private const string Listener = """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();

            public void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) {|#0:=>|} Console.WriteLine(track));
            }

            public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            private void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) { }
        }
        """;

    [Fact]
    public Task StoreHandler_AssignsLambdaToNewField() => Verify.VerifyFixAsync(
        Listener,
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();
            private Action<Track, RemoteTrackPublication, RemoteParticipant>? _onTrackSubscribed;

            public void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, _onTrackSubscribed = (track, publication, participant) => Console.WriteLine(track));
            }

            public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            private void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) { }
        }
        """,
        StoreHandler,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public Task StoreHandler_UsesTheFieldInAnOffThatRepeatsTheLambda() => Verify.VerifyFixAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();

            public void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) {|#0:=>|} Console.WriteLine(track));
            }

            public void Stop()
            {
                _room.Off(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(track));
                _room.Off(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(publication));
            }
        }
        """,
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();
            private Action<Track, RemoteTrackPublication, RemoteParticipant>? _onTrackSubscribed;

            public void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, _onTrackSubscribed = (track, publication, participant) => Console.WriteLine(track));
            }

            public void Stop()
            {
                _room.Off(RoomEvent.TrackSubscribed, _onTrackSubscribed);
                _room.Off(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(publication));
            }
        }
        """,
        StoreHandler,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public Task KeepSubscription_AssignsResultToNewField() => Verify.VerifyFixAsync(
        Listener,
        """
        using System;
        using LiveKit.Rtc.Events;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();
            private EventSubscription? _trackSubscribedSubscription;

            public void Start()
            {
                _trackSubscribedSubscription = _room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(track));
            }

            public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            private void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) { }
        }
        """,
        KeepSubscription,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public Task KeepSubscription_ReplacesDiscard_InExpressionBodiedMember_AndCapturingLambda() => Verify.VerifyFixAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            public void Start(Room room, string prefix) => _ = room.Once(RoomEvent.ParticipantConnected, participant {|#0:=>|} Console.WriteLine(prefix + participant));

            public void Stop(Room room) => room.Off(RoomEvent.ParticipantConnected, OnJoined);

            private void OnJoined(RemoteParticipant participant) { }
        }
        """,
        """
        using System;
        using LiveKit.Rtc.Events;
        using Stub.Rtc;

        class Listener
        {
            private EventSubscription? _participantConnectedSubscription;

            public void Start(Room room, string prefix) => _participantConnectedSubscription = room.Once(RoomEvent.ParticipantConnected, participant => Console.WriteLine(prefix + participant));

            public void Stop(Room room) => room.Off(RoomEvent.ParticipantConnected, OnJoined);

            private void OnJoined(RemoteParticipant participant) { }
        }
        """,
        KeepSubscription,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.Once", "lambda", "Listener"));

    [Fact]
    public Task StoreHandler_CapturingLambda_InStaticMethod_UsesStaticField() => Verify.VerifyFixAsync(
        """
        using System;
        using Stub.Rtc;

        static class Listener
        {
            public static void Start(Room room, string prefix)
            {
                room.On(RoomEvent.ParticipantConnected, {|#0:delegate|} (RemoteParticipant participant) { Console.WriteLine(prefix + participant); });
            }

            public static void Stop(Room room) => room.Off(RoomEvent.ParticipantConnected, p => { });
        }
        """,
        """
        using System;
        using Stub.Rtc;

        static class Listener
        {
            private static Action<RemoteParticipant>? _onParticipantConnected;

            public static void Start(Room room, string prefix)
            {
                room.On(RoomEvent.ParticipantConnected, _onParticipantConnected = delegate (RemoteParticipant participant) { Console.WriteLine(prefix + participant); });
            }

            public static void Stop(Room room) => room.Off(RoomEvent.ParticipantConnected, p => { });
        }
        """,
        StoreHandler,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "anonymous method", "Listener"));

    [Fact]
    public Task FieldNames_AvoidTakenNames_AndNullableDisabled_HasNoAnnotation()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System;
                using Stub.Rtc;

                class Listener
                {
                    private readonly Room _room = new Room();
                    private int _onTrackSubscribed;

                    public void Start(int _onTrackSubscribed2)
                    {
                        _room.On(RoomEvent.TrackSubscribed, e {|#0:=>|} Console.WriteLine(e.Track));
                        Console.WriteLine(this._onTrackSubscribed + _onTrackSubscribed2);
                    }

                    public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

                    private void OnTrackSubscribed(TrackSubscribedEventArgs e) { _onTrackSubscribed++; }
                }
                """,
            FixedCode = """
                using System;
                using Stub.Rtc;

                class Listener
                {
                    private readonly Room _room = new Room();
                    private int _onTrackSubscribed;
                    private Action<TrackSubscribedEventArgs> _onTrackSubscribed3;

                    public void Start(int _onTrackSubscribed2)
                    {
                        _room.On(RoomEvent.TrackSubscribed, _onTrackSubscribed3 = e => Console.WriteLine(e.Track));
                        Console.WriteLine(this._onTrackSubscribed + _onTrackSubscribed2);
                    }

                    public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

                    private void OnTrackSubscribed(TrackSubscribedEventArgs e) { _onTrackSubscribed++; }
                }
                """,
            CodeActionEquivalenceKey = StoreHandler,
        };
        TestSetup.DisableNullable(test);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"));
        return test.RunAsync();
    }

    [Fact]
    public Task FixAll_KeepSubscription_GivesEachFieldItsOwnName() => Verify.VerifyFixAsync(
        """
        using System;
        using LiveKit.Rtc.Events;
        using Stub.Rtc;

        class Listener
        {
            public void Start(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, (t, p, rp) {|#0:=>|} Console.WriteLine(t));
                room.Once(RoomEvent.TrackSubscribed, e {|#1:=>|} Console.WriteLine(e));
                room.On(RoomEvent.Connected, () {|#2:=>|} Console.WriteLine());
            }

            public void Stop(Room room)
            {
                room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);
                room.Off(RoomEvent.Connected, OnConnected);
            }

            private void OnTrackSubscribed(TrackSubscribedEventArgs e) { }

            private void OnConnected() { }
        }
        """,
        """
        using System;
        using LiveKit.Rtc.Events;
        using Stub.Rtc;

        class Listener
        {
            private EventSubscription? _trackSubscribedSubscription;
            private EventSubscription? _trackSubscribedSubscription2;
            private EventSubscription? _connectedSubscription;

            public void Start(Room room)
            {
                _trackSubscribedSubscription = room.On(RoomEvent.TrackSubscribed, (t, p, rp) => Console.WriteLine(t));
                _trackSubscribedSubscription2 = room.Once(RoomEvent.TrackSubscribed, e => Console.WriteLine(e));
                _connectedSubscription = room.On(RoomEvent.Connected, () => Console.WriteLine());
            }

            public void Stop(Room room)
            {
                room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);
                room.Off(RoomEvent.Connected, OnConnected);
            }

            private void OnTrackSubscribed(TrackSubscribedEventArgs e) { }

            private void OnConnected() { }
        }
        """,
        KeepSubscription,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.Once", "lambda", "Listener"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public Task FixAll_StoreHandler_GivesEachFieldItsOwnName() => Verify.VerifyFixAsync(
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();

            public void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, (t, p, rp) {|#0:=>|} Console.WriteLine(t));
                _room.On(RoomEvent.TrackSubscribed, e {|#1:=>|} Console.WriteLine(e));
            }

            public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            private void OnTrackSubscribed(TrackSubscribedEventArgs e) { }
        }
        """,
        """
        using System;
        using Stub.Rtc;

        class Listener
        {
            private readonly Room _room = new();
            private Action<Track, RemoteTrackPublication, RemoteParticipant>? _onTrackSubscribed;
            private Action<TrackSubscribedEventArgs>? _onTrackSubscribed2;

            public void Start()
            {
                _room.On(RoomEvent.TrackSubscribed, _onTrackSubscribed = (t, p, rp) => Console.WriteLine(t));
                _room.On(RoomEvent.TrackSubscribed, _onTrackSubscribed2 = e => Console.WriteLine(e));
            }

            public void Stop() => _room.Off(RoomEvent.TrackSubscribed, OnTrackSubscribed);

            private void OnTrackSubscribed(TrackSubscribedEventArgs e) { }
        }
        """,
        StoreHandler,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.On", "lambda", "Listener"));

    [Fact]
    public async Task PartialType_FieldGoesIntoThePartWithTheCall()
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
                        public void Start(Room room) => room.On(RoomEvent.Connected, () {|#0:=>|} Console.WriteLine());
                    }
                    """,
                    """
                    using Stub.Rtc;

                    partial class Listener
                    {
                        private int _count;

                        public void Stop(Room room) => room.Off(RoomEvent.Connected, () => _count++);
                    }
                    """,
                },
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Listener") },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using System;
                    using Stub.Rtc;

                    partial class Listener
                    {
                        private Action? _onConnected;

                        public void Start(Room room) => room.On(RoomEvent.Connected, _onConnected = () => Console.WriteLine());
                    }
                    """,
                    """
                    using Stub.Rtc;

                    partial class Listener
                    {
                        private int _count;

                        public void Stop(Room room) => room.Off(RoomEvent.Connected, () => _count++);
                    }
                    """,
                },
            },
            CodeActionEquivalenceKey = StoreHandler,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task TopLevelStatements_HaveNoFix()
    {
        const string source = """
            using System;
            using Stub.Rtc;

            var room = new Room();
            room.On(RoomEvent.Connected, () {|#0:=>|} Console.WriteLine());
            room.Off(RoomEvent.Connected, () => Console.WriteLine());
            """;
        var test = new Verify.Test
        {
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = KeepSubscription,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "lambda", "Program"));
        await test.RunAsync();
    }
}
