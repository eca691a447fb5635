using System;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// <see cref="LiveKitTestServer.Faults"/>: a signal connection dropped without a close frame (the others see the
/// participant leave), forwarding stopped and resumed (data stops, then flows again), and a server leave with each
/// action (brief §2.3 LeaveRequest; §5.1 says what a client does with each).
/// </summary>
public sealed class FaultInjectionTests
{
    private const string Room = "faults";

    [Fact]
    public async Task A_closed_signal_connection_ends_the_socket_and_the_others_see_the_participant_leave()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", Room);
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", Room);

        await server.Faults.CloseSignalConnectionAsync(Room, "alice");

        await alice.WaitClosedAsync();
        Assert.DoesNotContain(alice.Received, r => r.MessageCase == SignalResponse.MessageOneofCase.Leave);
        ParticipantInfo gone = await bob.WaitForParticipantAsync("alice", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(alice.Join!.Participant.Sid, gone.Sid);
    }

    [Fact]
    public async Task A_closed_signal_connection_ends_without_a_close_frame()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", Room);

        await server.Faults.CloseSignalConnectionAsync(Room, "alice");

        await alice.WaitClosedAsync();
        Assert.Null(alice.CloseStatus);
    }

    [Fact]
    public async Task Stopped_forwarding_drops_data_for_that_participant_until_resumed()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", Room);
        await using SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", Room);
        await using SignalTestClient carol = await SignalTestClient.JoinWithMediaAsync(server, "carol", Room);

        await server.Faults.StopForwardingAsync(Room, "bob");
        await alice.PublishDataAsync(Packet("while stopped"));
        // alice's channel is relayed one packet after another: once carol has the second, the first is done with.
        await alice.PublishDataAsync(Packet("barrier", "carol"));
        Assert.Equal("while stopped", (await carol.NextDataAsync()).User.Payload.ToStringUtf8());
        Assert.Equal("barrier", (await carol.NextDataAsync()).User.Payload.ToStringUtf8());

        await server.Faults.ResumeForwardingAsync(Room, "bob");
        await alice.PublishDataAsync(Packet("after resume"));

        // bob's reliable channel is ordered: had "while stopped" been forwarded, it would be first.
        Assert.Equal("after resume", (await bob.NextDataAsync()).User.Payload.ToStringUtf8());
        Assert.Equal("after resume", (await carol.NextDataAsync()).User.Payload.ToStringUtf8());
    }

    [Theory]
    [InlineData(LeaveRequest.Types.Action.Disconnect, DisconnectReason.ServerShutdown)]
    [InlineData(LeaveRequest.Types.Action.Resume, DisconnectReason.Migration)]
    [InlineData(LeaveRequest.Types.Action.Reconnect, DisconnectReason.StateMismatch)]
    public async Task A_server_leave_carries_its_action_and_reason_and_ends_the_session(LeaveRequest.Types.Action action, DisconnectReason reason)
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", Room);
        await using SignalTestClient bob = await SignalTestClient.JoinedAsync(server, "bob", Room);

        await server.Faults.SendLeaveAsync(Room, "alice", action, reason);

        LeaveRequest leave = (await alice.WaitForAsync(SignalResponse.MessageOneofCase.Leave)).Leave;
        Assert.Equal(action, leave.Action);
        Assert.Equal(reason, leave.Reason);
        // can_reconnect is obsolete from protocol 13 but still set for older clients: true unless DISCONNECT.
        Assert.Equal(action != LeaveRequest.Types.Action.Disconnect, leave.CanReconnect);
        await alice.WaitClosedAsync();
        await bob.WaitForParticipantAsync("alice", ParticipantInfo.Types.State.Disconnected);

        // A RESUME or RECONNECT comes back as a new join.
        await using SignalTestClient again = await SignalTestClient.JoinedAsync(server, "alice", Room);
        Assert.NotEqual(alice.Join!.Participant.Sid, again.Join!.Participant.Sid);
    }

    [Fact]
    public async Task A_fault_for_a_participant_who_is_not_there_says_so()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinedAsync(server, "alice", Room);

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Faults.StopForwardingAsync("no-such-room", "alice"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Faults.CloseSignalConnectionAsync(Room, "nobody"));
    }

    private static DataPacket Packet(string text, params string[] destinations)
    {
        var packet = new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8(text) } };
        packet.DestinationIdentities.Add(destinations);
        return packet;
    }
}
