using System.Linq;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Testing.Tests;

/// <summary>
/// DataPackets between participants (brief §4): what a participant sends on its publisher PC's _reliable or
/// _lossy channel reaches the others on the server's channel of the same label, only the destination identities
/// when some are named, with the sender's identity and sid stamped by the server (the identity cleared for a
/// hidden sender); a sender without canPublishData is dropped. "Did not arrive" is shown by a later packet of the
/// same ordered channel arriving first.
/// </summary>
public sealed class DataRelayTests
{
    private const string Room = "data-relay";

    [Fact]
    public async Task A_reliable_packet_reaches_only_its_destinations_stamped_with_the_senders_identity_and_sid()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", Room);
        await using SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", Room);
        await using SignalTestClient carol = await SignalTestClient.JoinWithMediaAsync(server, "carol", Room);

        // The sender claims to be someone else: the server overwrites both fields.
        await alice.PublishDataAsync(new DataPacket
        {
            Kind = DataPacket.Types.Kind.Reliable,
            ParticipantIdentity = "mallory",
            ParticipantSid = "PA_forged",
            DestinationIdentities = { "bob" },
            User = new UserPacket { Payload = ByteString.CopyFromUtf8("just for bob"), Topic = "chat" },
        });
        await alice.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("for everyone") } });

        DataPacket atBob = await bob.NextDataAsync();
        Assert.Equal("just for bob", atBob.User.Payload.ToStringUtf8());
        Assert.Equal("chat", atBob.User.Topic);
        Assert.Equal("alice", atBob.ParticipantIdentity);
        Assert.Equal(alice.Join!.Participant.Sid, atBob.ParticipantSid);
        Assert.Equal(DataPacket.Types.Kind.Reliable, atBob.Kind);
        Assert.Equal("for everyone", (await bob.NextDataAsync()).User.Payload.ToStringUtf8());

        // alice's packets are relayed in order into carol's ordered channel: the first one would be ahead.
        DataPacket atCarol = await carol.NextDataAsync();
        Assert.Equal("for everyone", atCarol.User.Payload.ToStringUtf8());
        Assert.Equal("alice", atCarol.ParticipantIdentity);

        // Nobody gets their own packets back: bob's broadcast is the first thing alice receives.
        await bob.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("from bob") } });
        DataPacket atAlice = await alice.NextDataAsync();
        Assert.Equal("from bob", atAlice.User.Payload.ToStringUtf8());
        Assert.Equal("bob", atAlice.ParticipantIdentity);
        Assert.Equal(bob.Join!.Participant.Sid, atAlice.ParticipantSid);
    }

    [Fact]
    public async Task A_lossy_packet_arrives_on_the_lossy_channel_with_its_topic_and_sender()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", Room);
        await using SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", Room);

        await alice.PublishDataAsync(
            new DataPacket { Kind = DataPacket.Types.Kind.Lossy, DestinationIdentities = { "bob" }, User = new UserPacket { Payload = ByteString.CopyFromUtf8("position"), Topic = "cursor" } },
            "_lossy");

        DataPacket atBob = await bob.NextDataAsync("_lossy");
        Assert.Equal("position", atBob.User.Payload.ToStringUtf8());
        Assert.Equal("cursor", atBob.User.Topic);
        Assert.Equal("alice", atBob.ParticipantIdentity);
        Assert.Equal(alice.Join!.Participant.Sid, atBob.ParticipantSid);
        Assert.Equal(DataPacket.Types.Kind.Lossy, atBob.Kind);
        Assert.False(bob.HasPendingData("_reliable"), "lossy data stays on _lossy");
    }

    [Fact]
    public async Task A_hidden_senders_packets_arrive_without_its_identity()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", Room);
        await using SignalTestClient ghost = await SignalTestClient.JoinWithMediaAsync(server, "ghost", Room, new VideoGrants { Hidden = true });

        await ghost.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("boo"), Topic = "haunt" } });

        DataPacket atBob = await bob.NextDataAsync();
        Assert.Equal("boo", atBob.User.Payload.ToStringUtf8());
        Assert.Equal("haunt", atBob.User.Topic);
        Assert.Equal("", atBob.ParticipantIdentity);
        // ghost became active before it sent anything; an update about it would be ahead of bob's pong.
        Assert.Equal(1, (await bob.PingAsync(1)).LastPingTimestamp);
        Assert.DoesNotContain(bob.Received, r => r.Update?.Participants.Any(p => p.Identity == "ghost") == true);
    }

    [Fact]
    public async Task A_sender_without_canPublishData_is_dropped()
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using SignalTestClient bob = await SignalTestClient.JoinWithMediaAsync(server, "bob", Room);
        await using SignalTestClient mute = await SignalTestClient.JoinWithMediaAsync(server, "mute", Room, new VideoGrants { CanPublishData = false });
        await using SignalTestClient alice = await SignalTestClient.JoinWithMediaAsync(server, "alice", Room);
        Assert.False(mute.Join!.Participant.Permission.CanPublishData);

        await mute.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("should not pass") } });
        await mute.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("nor lossy") } }, "_lossy");
        await alice.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("allowed") } });
        await alice.PublishDataAsync(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("allowed lossy") } }, "_lossy");

        // mute's packets were sent first; had the server relayed them, they would (all but surely) be ahead.
        DataPacket atBob = await bob.NextDataAsync();
        Assert.Equal("allowed", atBob.User.Payload.ToStringUtf8());
        Assert.Equal("alice", atBob.ParticipantIdentity);
        Assert.Equal("allowed lossy", (await bob.NextDataAsync("_lossy")).User.Payload.ToStringUtf8());
        Assert.False(bob.HasPendingData("_reliable"));
    }
}
