using System.Threading.Tasks;
using Xunit;
using Verify = LiveKit.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LiveKit.Analyzers.LK1001AsyncHandlerAnalyzer>;

namespace LiveKit.Analyzers.Tests.LK1001;

public class LK1001AsyncHandlerAnalyzerTests
{
    [Fact]
    public Task AsyncLambda_On_IsReported_OnAsyncKeyword() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:async|} (track, publication, participant) => { await Task.Delay(1); });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"));

    [Fact]
    public Task AsyncSimpleLambda_ArgsForm_IsReported() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:async|} (TrackSubscribedEventArgs e) => await Task.Delay(1));
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"));

    [Fact]
    public Task AsyncLambda_Once_IsReported() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.Once(RoomEvent.ParticipantConnected, {|#0:async|} participant => await Task.Yield());
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.Once", "an async lambda"));

    [Fact]
    public Task AsyncAnonymousMethod_IsReported() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.Connected, {|#0:async|} delegate () { await Task.Yield(); });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async anonymous method"));

    [Fact]
    public Task AsyncVoidMethodGroup_IsReported_OnName() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.TrackSubscribed, {|#0:OnTrackSubscribed|});
                room.Once(RoomEvent.TrackSubscribed, this.{|#1:OnTrackSubscribed|});
                room.On(RoomEvent.TrackSubscribed, new System.Action<Track, RemoteTrackPublication, RemoteParticipant>({|#2:OnTrackSubscribed|}));
            }

            async void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) => await Task.Yield();
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'OnTrackSubscribed'"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.Once", "the async void method 'OnTrackSubscribed'"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Room.On", "the async void method 'OnTrackSubscribed'"));

    [Fact]
    public Task AsyncLocalFunction_IsReported_SyncLocalFunction_IsNot() => Verify.VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, {|#0:OnJoined|});
                room.On(RoomEvent.ParticipantConnected, OnJoinedSync);

                async void OnJoined(RemoteParticipant participant) => await Task.Yield();
                void OnJoinedSync(RemoteParticipant participant) => Console.WriteLine(participant);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'OnJoined'"));

    [Fact]
    public Task AsyncLambda_InCastOrNewDelegateOrConditional_IsReported() => Verify.VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room, bool flag, Action<RemoteParticipant> stored)
            {
                room.On(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)({|#0:async|} p => await Task.Yield()));
                room.On(RoomEvent.ParticipantConnected, new Action<RemoteParticipant>({|#1:async|} p => await Task.Yield()));
                room.On(RoomEvent.ParticipantConnected, flag ? stored : {|#2:async|} p => await Task.Yield());
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "an async lambda"),
        Verify.Diagnostic().WithLocation(1).WithArguments("Room.On", "an async lambda"),
        Verify.Diagnostic().WithLocation(2).WithArguments("Room.On", "an async lambda"));

    [Fact]
    public Task SynchronousHandlers_AreNotReported() => Verify.VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            private readonly Action<Track, RemoteTrackPublication, RemoteParticipant> _handler = (t, p, rp) => { };

            void M(Room room, Action<RemoteParticipant> stored)
            {
                room.On(RoomEvent.TrackSubscribed, (track, publication, participant) => Console.WriteLine(track));
                room.On(RoomEvent.TrackSubscribed, delegate (TrackSubscribedEventArgs e) { Console.WriteLine(e); });
                room.On(RoomEvent.TrackSubscribed, _handler);
                room.On(RoomEvent.TrackSubscribed, OnTrackSubscribed);
                room.On(RoomEvent.ParticipantConnected, stored);
                room.On(RoomEvent.ParticipantConnected, p => _ = Task.Run(async () => await Task.Yield()));
                room.Once(RoomEvent.Connected, () => { });
            }

            void OnTrackSubscribed(Track track, RemoteTrackPublication publication, RemoteParticipant participant) { }
        }
        """);

    [Fact]
    public Task AsyncLambdaPassedToOff_IsNotThisRule() => Verify.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.Off(RoomEvent.Connected, async () => await Task.Yield());
                room.Off(RoomEvent.ParticipantConnected, OnJoined);
            }

            async void OnJoined(RemoteParticipant participant) => await Task.Yield();
        }
        """);

    [Fact]
    public Task MethodsNamedOnOutsideLiveKit_AreNotReported() => Verify.VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;

        class Emitter
        {
            public IDisposable? On(string name, Action<int> handler) => null;
            public IDisposable? Once(string name, Action<int> handler) => null;
            public bool Off(string name, Action<int> handler) => false;
        }

        class C
        {
            void M(Emitter emitter)
            {
                emitter.On("x", async i => await Task.Yield());
                emitter.Once("x", async delegate (int i) { await Task.Yield(); });
                emitter.On("x", Handler);
                emitter.Off("x", i => { });
            }

            async void Handler(int i) => await Task.Yield();
        }
        """);

    [Fact]
    public Task AsyncLambdaToFuncOfTask_IsNotReported() => Verify.VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;
        using LiveKit.Rtc.Events;

        class AsyncEmitter
        {
            [EventMethod(EventMethodKind.On)]
            public EventSubscription? On(int key, Func<int, Task> handler) => null;
        }

        class C
        {
            void M(AsyncEmitter emitter) => emitter.On(1, async i => await Task.Yield());
        }
        """);

    [Fact]
    public Task AsyncVoidMethodFromReferencedAssembly_IsReported() => Verify.VerifyAsync(
        """
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.On(RoomEvent.ParticipantConnected, LibraryHandlers.{|#0:AsyncVoid|});
                room.On(RoomEvent.ParticipantConnected, LibraryHandlers.Synchronous);
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Room.On", "the async void method 'AsyncVoid'"));
}
