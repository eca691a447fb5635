using System.Collections.Generic;
using Google.Protobuf;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Protocol.Tests;

public class RoundTripTests
{
    public static TheoryData<string> DataPacketMembers() => new(Samples.DataPackets().Keys);

    [Fact]
    public void Join_response_survives_serialization()
    {
        SignalResponse original = Samples.Join();

        SignalResponse copy = SignalResponse.Parser.ParseFrom(original.ToByteArray());

        Assert.Equal(original, copy);
        Assert.Equal("opus", copy.Join.Room.EnabledCodecs[0].Mime);
        Assert.Equal(Encryption.Types.Type.Gcm, copy.Join.OtherParticipants[0].Tracks[0].Encryption);
    }

    [Theory]
    [MemberData(nameof(DataPacketMembers))]
    public void Every_data_packet_member_survives_serialization(string member)
    {
        DataPacket original = Samples.DataPackets()[member];

        DataPacket copy = DataPacket.Parser.ParseFrom(original.ToByteArray());

        Assert.Equal(original, copy);
        Assert.Equal(member, copy.ValueCase.ToString());
    }

    [Fact]
    public void Signal_requests_survive_serialization()
    {
        var requests = new List<SignalRequest>
        {
            new() { AddTrack = Samples.AddTrack() },
            new() { Trickle = new TrickleRequest { CandidateInit = "{}", Target = SignalTarget.Subscriber, Final = true } },
            new() { Mute = new MuteTrackRequest { Sid = "TR_a", Muted = true } },
            new() { Leave = new LeaveRequest { Reason = DisconnectReason.ClientInitiated, Action = LeaveRequest.Types.Action.Disconnect } },
            new() { SyncState = Samples.SyncState() },
            new() { Simulate = new SimulateScenario { LeaveRequestFullReconnect = true } },
            new() { Ping = 123 },
            new() { UpdateMetadata = new UpdateParticipantMetadata { Name = "n", Attributes = { ["k"] = "" }, RequestId = 9 } },
            new() { UpdateAudioTrack = new UpdateLocalAudioTrack { TrackSid = "TR_a", Features = { AudioTrackFeature.TfNoDtx } } },
        };

        foreach (SignalRequest original in requests)
        {
            Assert.Equal(original, SignalRequest.Parser.ParseFrom(original.ToByteArray()));
        }
    }

    [Fact]
    public void Unknown_fields_from_newer_servers_survive_a_round_trip()
    {
        // ParticipantInfo #19 (data tracks) is not modelled here; a proxy or a resume
        // state that re-serializes what it got must not drop them.
        byte[] known = new ParticipantInfo { Identity = "alice" }.ToByteArray();
        var unknown = new System.IO.MemoryStream();
        using (var coded = new CodedOutputStream(unknown, leaveOpen: true))
        {
            coded.WriteTag(19, WireFormat.WireType.LengthDelimited);
            coded.WriteBytes(ByteString.CopyFromUtf8("opaque"));
        }

        byte[] bytes = [.. known, .. unknown.ToArray()];

        ParticipantInfo parsed = ParticipantInfo.Parser.ParseFrom(bytes);

        Assert.Equal("alice", parsed.Identity);
        Assert.Equal(bytes, parsed.ToByteArray());
    }
}
