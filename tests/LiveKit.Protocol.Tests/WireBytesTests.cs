using System;
using System.IO;
using Google.Protobuf;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Protocol.Tests;

/// <summary>
/// Bytes built field by field with CodedOutputStream, using the numbers from docs/livekit-protocol.md, decode into
/// the fields of those names: what a LiveKit server sends is read as the server meant it.
/// </summary>
public class WireBytesTests
{
    [Fact]
    public void Refresh_token_is_signal_response_field_16()
    {
        byte[] bytes = Build(o =>
        {
            o.WriteTag(16, WireFormat.WireType.LengthDelimited);
            o.WriteString("new.jwt.token");
        });

        SignalResponse response = SignalResponse.Parser.ParseFrom(bytes);

        Assert.Equal(SignalResponse.MessageOneofCase.RefreshToken, response.MessageCase);
        Assert.Equal("new.jwt.token", response.RefreshToken);
    }

    [Fact]
    public void Join_response_decodes_room_participant_and_ping_settings()
    {
        byte[] room = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("RM_abc");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("my-room");
            o.WriteTag(9, WireFormat.WireType.Varint);
            o.WriteUInt32(3);
        });
        byte[] participant = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("PA_xyz");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("alice");
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteEnum(2); // ACTIVE
            o.WriteTag(14, WireFormat.WireType.Varint);
            o.WriteEnum(4); // AGENT
        });
        byte[] join = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(room));
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(participant));
            o.WriteTag(6, WireFormat.WireType.Varint);
            o.WriteBool(true);
            o.WriteTag(10, WireFormat.WireType.Varint);
            o.WriteInt32(15);
            o.WriteTag(11, WireFormat.WireType.Varint);
            o.WriteInt32(5);
        });
        byte[] bytes = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(join));
        });

        SignalResponse response = SignalResponse.Parser.ParseFrom(bytes);

        Assert.Equal(SignalResponse.MessageOneofCase.Join, response.MessageCase);
        Assert.Equal("RM_abc", response.Join.Room.Sid);
        Assert.Equal("my-room", response.Join.Room.Name);
        Assert.Equal(3u, response.Join.Room.NumParticipants);
        Assert.Equal("PA_xyz", response.Join.Participant.Sid);
        Assert.Equal("alice", response.Join.Participant.Identity);
        Assert.Equal(ParticipantInfo.Types.State.Active, response.Join.Participant.State);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, response.Join.Participant.Kind);
        Assert.True(response.Join.SubscriberPrimary);
        Assert.Equal(15, response.Join.PingTimeout);
        Assert.Equal(5, response.Join.PingInterval);
    }

    [Fact]
    public void Data_packet_decodes_sequence_16_participant_sid_17_and_user_payload()
    {
        byte[] user = Build(o =>
        {
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(1, 2, 3));
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("chat");
        });
        byte[] bytes = Build(o =>
        {
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(user));
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("bob");
            o.WriteTag(5, WireFormat.WireType.LengthDelimited);
            o.WriteString("carol");
            o.WriteTag(16, WireFormat.WireType.Varint);
            o.WriteUInt32(42);
            o.WriteTag(17, WireFormat.WireType.LengthDelimited);
            o.WriteString("PA_bob");
        });

        DataPacket packet = DataPacket.Parser.ParseFrom(bytes);

        Assert.Equal(DataPacket.ValueOneofCase.User, packet.ValueCase);
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.User.Payload.ToByteArray());
        Assert.True(packet.User.HasTopic);
        Assert.Equal("chat", packet.User.Topic);
        Assert.Equal("bob", packet.ParticipantIdentity);
        Assert.Equal(new[] { "carol" }, packet.DestinationIdentities);
        Assert.Equal(42u, packet.Sequence);
        Assert.Equal("PA_bob", packet.ParticipantSid);
    }

    [Fact]
    public void Data_packet_decodes_rpc_request_and_stream_chunk_members()
    {
        byte[] rpc = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("req-1");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("greet");
            o.WriteTag(4, WireFormat.WireType.Varint);
            o.WriteUInt32(15000);
            o.WriteTag(5, WireFormat.WireType.Varint);
            o.WriteUInt32(1);
        });
        byte[] chunk = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("stream-1");
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteUInt64(7);
            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFromUtf8("hello"));
        });

        DataPacket rpcPacket = DataPacket.Parser.ParseFrom(Build(o =>
        {
            o.WriteTag(10, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(rpc));
        }));
        DataPacket chunkPacket = DataPacket.Parser.ParseFrom(Build(o =>
        {
            o.WriteTag(14, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(chunk));
        }));

        Assert.Equal(DataPacket.ValueOneofCase.RpcRequest, rpcPacket.ValueCase);
        Assert.Equal("req-1", rpcPacket.RpcRequest.Id);
        Assert.Equal("greet", rpcPacket.RpcRequest.Method);
        Assert.Equal(15000u, rpcPacket.RpcRequest.ResponseTimeoutMs);
        Assert.Equal(1u, rpcPacket.RpcRequest.Version);
        Assert.Equal(DataPacket.ValueOneofCase.StreamChunk, chunkPacket.ValueCase);
        Assert.Equal("stream-1", chunkPacket.StreamChunk.StreamId);
        Assert.Equal(7ul, chunkPacket.StreamChunk.ChunkIndex);
        Assert.Equal("hello", chunkPacket.StreamChunk.Content.ToStringUtf8());
    }

    [Fact]
    public void Session_description_decodes_offer_id_3_and_mid_map_4()
    {
        // A map entry is a nested message: key #1, value #2.
        byte[] entry = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("1");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("TR_video");
        });
        byte[] bytes = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("answer");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("v=0\r\n");
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteUInt32(7);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(entry));
        });

        SessionDescription description = SessionDescription.Parser.ParseFrom(bytes);

        Assert.Equal("answer", description.Type);
        Assert.Equal("v=0\r\n", description.Sdp);
        Assert.Equal(7u, description.Id);
        Assert.Equal("TR_video", description.MidToTrackId["1"]);
    }

    [Fact]
    public void Leave_request_decodes_reason_and_action()
    {
        byte[] leave = Build(o =>
        {
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteEnum(4); // PARTICIPANT_REMOVED
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteEnum(1); // RESUME
        });

        SignalResponse response = SignalResponse.Parser.ParseFrom(Build(o =>
        {
            o.WriteTag(8, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(leave));
        }));

        Assert.Equal(SignalResponse.MessageOneofCase.Leave, response.MessageCase);
        Assert.Equal(DisconnectReason.ParticipantRemoved, response.Leave.Reason);
        Assert.Equal(LeaveRequest.Types.Action.Resume, response.Leave.Action);
    }

    [Fact]
    public void Trickle_decodes_candidate_target_and_final()
    {
        byte[] trickle = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\"}");
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteEnum(1); // SUBSCRIBER
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteBool(true);
        });

        SignalResponse response = SignalResponse.Parser.ParseFrom(Build(o =>
        {
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(trickle));
        }));

        Assert.Equal(SignalTarget.Subscriber, response.Trickle.Target);
        Assert.True(response.Trickle.Final);
        Assert.StartsWith("{\"candidate\":", response.Trickle.CandidateInit, StringComparison.Ordinal);
    }

    [Fact]
    public void Pong_response_20_decodes_both_timestamps()
    {
        byte[] pong = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(1_700_000_000_000);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt64(1_700_000_000_050);
        });

        SignalResponse response = SignalResponse.Parser.ParseFrom(Build(o =>
        {
            o.WriteTag(20, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(pong));
        }));

        Assert.Equal(1_700_000_000_000, response.PongResp.LastPingTimestamp);
        Assert.Equal(1_700_000_000_050, response.PongResp.Timestamp);
    }

    [Fact]
    public void Signal_request_encodes_offer_as_field_1_and_ping_req_as_field_16()
    {
        var offer = new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = "v=0", Id = 1 } };
        var ping = new SignalRequest { PingReq = new Ping { Timestamp = 10, Rtt = 2 } };

        byte[] expectedOffer = Build(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(Build(d =>
            {
                d.WriteTag(1, WireFormat.WireType.LengthDelimited);
                d.WriteString("offer");
                d.WriteTag(2, WireFormat.WireType.LengthDelimited);
                d.WriteString("v=0");
                d.WriteTag(3, WireFormat.WireType.Varint);
                d.WriteUInt32(1);
            })));
        });
        byte[] expectedPing = Build(o =>
        {
            o.WriteTag(16, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(Build(p =>
            {
                p.WriteTag(1, WireFormat.WireType.Varint);
                p.WriteInt64(10);
                p.WriteTag(2, WireFormat.WireType.Varint);
                p.WriteInt64(2);
            })));
        });

        Assert.Equal(expectedOffer, offer.ToByteArray());
        Assert.Equal(expectedPing, ping.ToByteArray());
    }

    [Fact]
    public void Wrapped_join_request_carries_the_join_request_bytes_in_field_2()
    {
        var join = new JoinRequest
        {
            ClientInfo = new ClientInfo { Sdk = ClientInfo.Types.SDK.Cpp, Protocol = 17, Version = "0.1.0" },
            ConnectionSettings = new ConnectionSettings { AutoSubscribe = true },
        };
        var wrapped = new WrappedJoinRequest
        {
            Compression = WrappedJoinRequest.Types.Compression.None,
            JoinRequest = join.ToByteString(),
        };

        var input = new CodedInputStream(wrapped.ToByteArray());
        Assert.Equal(WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited), input.ReadTag());
        JoinRequest decoded = JoinRequest.Parser.ParseFrom(input.ReadBytes());

        Assert.Equal(17, decoded.ClientInfo.Protocol);
        Assert.Equal(ClientInfo.Types.SDK.Cpp, decoded.ClientInfo.Sdk);
        Assert.True(decoded.ConnectionSettings.AutoSubscribe);
    }

    private static byte[] Build(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }
}
