using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Testing;
using Xunit;

namespace LiveKit.Rtc.Tests.Client;

/// <summary>Data between SDK participants through the test server: kinds, topics, senders, destinations, sequencing.</summary>
public sealed class RoomDataTests : IAsyncLifetime
{
    private LiveKitTestServer _server = null!;
    private ConnectedRoom _alice = null!;
    private ConnectedRoom _bob = null!;

    public async Task InitializeAsync()
    {
        _server = await LiveKitTestServer.StartAsync();
        _alice = await ConnectedRoom.JoinAsync(_server, "alice", "lobby");
        _bob = await ConnectedRoom.JoinAsync(_server, "bob", "lobby");
        await _alice.Log.WaitForAsync("participant_connected", "bob");
    }

    public async Task DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Reliable_data_arrives_with_its_topic_sender_and_kind()
    {
        await _alice.Local.PublishDataAsync("hello bob", topic: "chat");

        RoomEventRecord received = await _bob.Log.WaitForAsync("data_received");
        var packet = (DataPacket)received.Args[0]!;
        Assert.Equal("hello bob", Encoding.UTF8.GetString(packet.Data.Span));
        Assert.Equal("chat", packet.Topic);
        Assert.Equal(DataPacketKind.Reliable, packet.Kind);
        Assert.Same(_bob.Room.RemoteParticipants["alice"], packet.Participant);
    }

    [Fact]
    public async Task Lossy_data_arrives_as_lossy_without_a_topic()
    {
        await _alice.Local.PublishDataAsync(new byte[] { 1, 2, 3 }, reliable: false);

        RoomEventRecord received = await _bob.Log.WaitForAsync("data_received");
        var packet = (DataPacket)received.Args[0]!;
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.Data.ToArray());
        Assert.Equal(DataPacketKind.Lossy, packet.Kind);
        Assert.Null(packet.Topic);
    }

    [Fact]
    public async Task Data_for_one_identity_reaches_only_that_participant()
    {
        await using ConnectedRoom carol = await ConnectedRoom.JoinAsync(_server, "carol", "lobby");
        await _alice.Log.WaitForAsync("participant_connected", "carol");

        await _alice.Local.PublishDataAsync("for carol", destinationIdentities: ["carol"], topic: "private");
        await _alice.Local.PublishDataAsync("for everyone", topic: "public");

        // Reliable data from one sender is ordered: once bob has the second packet, he would have had the first.
        await _bob.Log.WaitForAsync("data_received", "alice Reliable public");
        await carol.Log.WaitForAsync("data_received", "alice Reliable private");
        Assert.DoesNotContain(_bob.Log.Events, e => e.Name == "data_received" && e.Detail.EndsWith("private", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_reliable_messages_arrive_all_in_order()
    {
        const int count = 500;
        for (int i = 0; i < count; i++)
        {
            await _alice.Local.PublishDataAsync(BitConverter.GetBytes(i));
        }

        var received = await _bob.Log.WaitForCountAsync("data_received", count);
        Assert.Equal(Enumerable.Range(0, count), received.Select(e => BitConverter.ToInt32(((DataPacket)e.Args[0]!).Data.Span)));
        Assert.Equal(0, _bob.Room.DuplicateDataPackets);
    }

    [Fact]
    public async Task A_reliable_packet_resent_with_a_sequence_already_seen_is_dropped()
    {
        // What a sender does after a resume (brief §4): resend with the sequence numbers it used before. Sent here by
        // hand on alice's reliable channel, through the server, which keeps the sequence and stamps alice's sid.
        var engine = _alice.Room.Engine!;
        byte[] Packet(string text, uint sequence) => new Proto.DataPacket
        {
            Kind = Proto.DataPacket.Types.Kind.Reliable,
            Sequence = sequence,
            User = new Proto.UserPacket { Payload = ByteString.CopyFromUtf8(text) },
        }.ToByteArray();

        await engine.PublisherReliable.SendAsync(Packet("first", 7));
        await engine.PublisherReliable.SendAsync(Packet("first again", 7));
        await engine.PublisherReliable.SendAsync(Packet("older", 3));
        await engine.PublisherReliable.SendAsync(Packet("next", 8));

        await _bob.Log.WaitForAsync(e => e.Name == "data_received" && Text(e) == "next", "next");
        Assert.Equal(["first", "next"], _bob.Log.Events.Where(e => e.Name == "data_received").Select(Text));
        Assert.Equal(2, _bob.Room.DuplicateDataPackets);
    }

    [Fact]
    public async Task Dtmf_and_transcriptions_arrive_as_their_events()
    {
        TrackPublication? none = null;
        await _alice.Local.PublishDtmfAsync(11, "#");
        await _alice.Local.PublishTranscriptionAsync(new Transcription("alice", "TR_unknown", [new TranscriptionSegment("s1", "hello", 0, 500, "en", true)]));

        RoomEventRecord dtmf = await _bob.Log.WaitForAsync("sip_dtmf_received");
        var tone = (SipDtmf)dtmf.Args[0]!;
        Assert.Equal((11, "#", "alice"), (tone.Code, tone.Digit, tone.Participant?.Identity));

        RoomEventRecord transcription = await _bob.Log.WaitForAsync("transcription_received");
        var segment = Assert.Single((System.Collections.Generic.IReadOnlyList<TranscriptionSegment>)transcription.Args[0]!);
        Assert.Equal(("s1", "hello", 500UL, true, "en"), (segment.Id, segment.Text, segment.EndTime, segment.IsFinal, segment.Language));
        Assert.Same(_bob.Room.RemoteParticipants["alice"], transcription.Args[1]);
        Assert.Equal(none, transcription.Args[2]);
    }

    [Fact]
    public async Task Data_sent_through_the_server_api_has_no_sender()
    {
        using var api = new RoomServiceClient(_server.HttpUrl.ToString(), _server.ApiKey, _server.ApiSecret);
        await api.SendDataAsync(new Proto.SendDataRequest { Room = "lobby", Data = ByteString.CopyFromUtf8("from the server"), Kind = Proto.DataPacket.Types.Kind.Reliable, Topic = "ops" });

        RoomEventRecord received = await _bob.Log.WaitForAsync("data_received");
        var packet = (DataPacket)received.Args[0]!;
        Assert.Null(packet.Participant);
        Assert.Equal("ops", packet.Topic);
    }

    [Fact]
    public async Task Publishing_without_the_grant_is_refused_with_a_clear_error()
    {
        await using ConnectedRoom mute = await ConnectedRoom.JoinAsync(_server, "mute", "lobby", new VideoGrants { CanPublishData = false });

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => mute.Local.PublishDataAsync("x"));

        Assert.Contains("canPublishData", refused.Message);
    }

    [Fact]
    public async Task A_packet_larger_than_the_limit_is_refused_and_the_channel_goes_on()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _alice.Local.PublishDataAsync(new byte[70_000]));
        await _alice.Local.PublishDataAsync("after");

        RoomEventRecord received = await _bob.Log.WaitForAsync("data_received");
        Assert.Equal("after", Text(received));
    }

    private static string Text(RoomEventRecord e) => Encoding.UTF8.GetString(((DataPacket)e.Args[0]!).Data.Span);
}
