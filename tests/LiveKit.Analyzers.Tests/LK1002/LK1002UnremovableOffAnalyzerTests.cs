using System.Threading.Tasks;
using Xunit;
using Verify = LiveKit.Analyzers.Tests.Infrastructure.AnalyzerVerifier<LiveKit.Analyzers.LK1002UnremovableOffAnalyzer>;

namespace LiveKit.Analyzers.Tests.LK1002;

public class LK1002UnremovableOffAnalyzerTests
{
    [Fact]
    public Task Lambda_IsReported_OnArrow() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.Off(RoomEvent.TrackSubscribed, (track, publication, participant) {|#0:=>|} Console.WriteLine(track));
                room.Off(RoomEvent.ParticipantConnected, participant {|#1:=>|} { });
                room.Off(RoomEvent.Connected, () {|#2:=>|} { });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("lambda", "Room.Off"),
        Verify.Diagnostic().WithLocation(1).WithArguments("lambda", "Room.Off"),
        Verify.Diagnostic().WithLocation(2).WithArguments("lambda", "Room.Off"));

    [Fact]
    public Task AnonymousMethod_IsReported_OnDelegateKeyword() => Verify.VerifyAsync(
        """
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                room.Off(RoomEvent.TrackSubscribed, {|#0:delegate|} (TrackSubscribedEventArgs e) { });
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("anonymous method", "Room.Off"));

    [Fact]
    public Task NewDelegate_OfLambdaOrOfDelegate_IsReported_OnNew() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class C
        {
            private Action<RemoteParticipant> _handler = p => { };

            void M(Room room)
            {
                room.Off(RoomEvent.ParticipantConnected, {|#0:new|} Action<RemoteParticipant>(p => { }));
                room.Off(RoomEvent.ParticipantConnected, {|#1:new|} Action<RemoteParticipant>(_handler));
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("new delegate", "Room.Off"),
        Verify.Diagnostic().WithLocation(1).WithArguments("new delegate", "Room.Off"));

    [Fact]
    public Task CastLambda_AndLambdaInConditional_AreReported() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class C
        {
            void M(Room room, Action<RemoteParticipant>? handler)
            {
                room.Off(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)(p {|#0:=>|} { }));
                room.Off(RoomEvent.ParticipantConnected, handler ?? (p {|#1:=>|} { }));
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("lambda", "Room.Off"),
        Verify.Diagnostic().WithLocation(1).WithArguments("lambda", "Room.Off"));

    [Fact]
    public Task StoredDelegates_AndMethodGroups_AreNotReported() => Verify.VerifyAsync(
        """
        using System;
        using Stub.Rtc;

        class C
        {
            private readonly Action<RemoteParticipant> _handler = p => { };

            void M(Room room, Action<TrackSubscribedEventArgs> parameter)
            {
                Action<RemoteParticipant> local = p => { };
                room.Off(RoomEvent.ParticipantConnected, _handler);
                room.Off(RoomEvent.ParticipantConnected, local);
                room.Off(RoomEvent.TrackSubscribed, parameter);
                room.Off(RoomEvent.ParticipantConnected, OnJoined);
                room.Off(RoomEvent.ParticipantConnected, this.OnJoined);
                room.Off(RoomEvent.ParticipantConnected, (Action<RemoteParticipant>)OnJoined);
                room.Off(RoomEvent.ParticipantConnected, new Action<RemoteParticipant>(OnJoined));
                room.Off(RoomEvent.ParticipantConnected, LocalHandler);
                room.Off(RoomEvent.Connected, Static.OnConnected);

                void LocalHandler(RemoteParticipant participant) { }
            }

            void OnJoined(RemoteParticipant participant) { }

            static class Static
            {
                public static void OnConnected() { }
            }
        }
        """);

    [Fact]
    public Task LambdasGivenToOnAndOnce_AreNotReported() => Verify.VerifyAsync(
        """
        using Stub.Rtc;

        class C
        {
            void M(Room room)
            {
                using var a = room.On(RoomEvent.ParticipantConnected, p => { });
                using var b = room.Once(RoomEvent.ParticipantConnected, delegate (RemoteParticipant p) { });
            }
        }
        """);

    [Fact]
    public Task MethodsNamedOffOutsideLiveKit_AreNotReported() => Verify.VerifyAsync(
        """
        using System;

        class Emitter
        {
            public bool Off(string name, Action<int> handler) => false;
            public void On(string name, Action<int> handler) { }
        }

        class C
        {
            void M(Emitter emitter)
            {
                emitter.Off("x", i => { });
                emitter.Off("x", delegate (int i) { });
                emitter.Off("x", new Action<int>(i => { }));
            }
        }
        """);
}
