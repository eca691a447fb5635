using System;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.WebRtc;
using Xunit;

namespace LiveKit.Testing.Tests;

public sealed class JoinTests
{
    [Fact]
    public async Task A_join_is_answered_with_the_join_response_then_a_refresh_token_then_the_subscriber_offer()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient client = await SignalTestClient.JoinAsync(server, "alice", "room-1");

        SignalResponse first = await client.WaitForAsync(_ => true, "the first message");
        Assert.Equal(SignalResponse.MessageOneofCase.Join, first.MessageCase);
        JoinResponse join = first.Join;
        Assert.Equal("room-1", join.Room.Name);
        Assert.StartsWith("RM_", join.Room.Sid);
        Assert.Equal("alice", join.Participant.Identity);
        Assert.StartsWith("PA_", join.Participant.Sid);
        Assert.True(join.SubscriberPrimary);
        Assert.True(join.FastPublish);
        Assert.Equal(5, join.PingInterval);
        Assert.Equal(15, join.PingTimeout);
        Assert.Equal(17, join.ServerInfo.Protocol);
        Assert.Empty(join.OtherParticipants);

        SignalResponse second = await client.WaitForAsync(_ => true, "the second message");
        Assert.Equal(SignalResponse.MessageOneofCase.RefreshToken, second.MessageCase);
        Assert.False(string.IsNullOrEmpty(second.RefreshToken));

        SignalResponse offer = await client.WaitForAsync(SignalResponse.MessageOneofCase.Offer);
        Assert.Equal("offer", offer.Offer.Type);
        Assert.Contains("m=application", offer.Offer.Sdp);
        Assert.Contains("a=setup:actpass", offer.Offer.Sdp);
    }

    [Fact]
    public async Task Two_participants_connect_and_each_sees_the_other_active()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinAsync(server, "alice", "room-2");
        await alice.StartMediaAsync();
        await PeerConnectionWaits.ConnectedAsync(alice.Subscriber);

        await using SignalTestClient bob = await SignalTestClient.JoinAsync(server, "bob", "room-2");
        SignalResponse join = await bob.WaitForAsync(SignalResponse.MessageOneofCase.Join);
        Assert.Equal("alice", Assert.Single(join.Join.OtherParticipants).Identity);
        await bob.StartMediaAsync();

        SignalResponse aliceSeesBob = await alice.WaitForAsync(
            r => r.Update?.Participants.Any(p => p.Identity == "bob" && p.State == ParticipantInfo.Types.State.Active) == true, "bob active");
        Assert.NotNull(aliceSeesBob);
        await bob.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "bob" && p.State == ParticipantInfo.Types.State.Active) == true, "bob's own update");
    }

    [Fact]
    public async Task Without_subscribe_permission_the_publisher_connection_is_primary_and_carries_data_both_ways()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinAsync(server, "alice", "room-p");
        await alice.StartMediaAsync();
        await using SignalTestClient bob = await SignalTestClient.ConnectAsync(
            server, server.CreateToken("bob", "room-p", new LiveKit.Api.VideoGrants { CanSubscribe = false }));

        SignalResponse join = await bob.WaitForAsync(SignalResponse.MessageOneofCase.Join);
        Assert.False(join.Join.SubscriberPrimary);
        await bob.StartMediaAsync();
        await PeerConnectionWaits.ConnectedAsync(bob.Publisher);
        await alice.WaitForAsync(r => r.Update?.Participants.Any(p => p.Identity == "bob" && p.State == ParticipantInfo.Types.State.Active) == true, "bob active");
        await bob.PublisherReliable!.WaitForOpenAsync().WaitAsync(SignalTestClient.Timeout);
        await alice.PublisherReliable!.WaitForOpenAsync().WaitAsync(SignalTestClient.Timeout);

        var packet = new DataPacket { User = new UserPacket { Payload = Google.Protobuf.ByteString.CopyFromUtf8("to bob") } };
        await alice.PublisherReliable.SendAsync(Google.Protobuf.MessageExtensions.ToByteArray(packet));
        await foreach (DataChannelMessage message in bob.PublisherReliable.ReadAllAsync().WithCancellation(new System.Threading.CancellationTokenSource(SignalTestClient.Timeout).Token))
        {
            DataPacket received = DataPacket.Parser.ParseFrom(message.Data.Span);
            Assert.Equal("alice", received.ParticipantIdentity);
            Assert.Equal("to bob", received.User.Payload.ToStringUtf8());
            break;
        }

        // No subscriber offer ever came: nothing to subscribe to.
        Assert.DoesNotContain(bob.Received, r => r.MessageCase == SignalResponse.MessageOneofCase.Offer);
    }
}
