using System.Collections.Generic;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Protocol.Tests;

/// <summary>Filled-in messages for round trips, with most fields set so a lost field shows.</summary>
internal static class Samples
{
    public static SignalResponse Join() => new()
    {
        Join = new JoinResponse
        {
            Room = new Room
            {
                Sid = "RM_1", Name = "room", EmptyTimeout = 300, DepartureTimeout = 20, MaxParticipants = 10,
                CreationTime = 1_700_000_000, CreationTimeMs = 1_700_000_000_123, Metadata = "{}", NumParticipants = 2,
                NumPublishers = 1, ActiveRecording = true, Version = new TimedVersion { UnixMicro = 5, Ticks = 1 },
                EnabledCodecs = { new Codec { Mime = "opus" }, new Codec { Mime = "video/VP8", FmtpLine = "x" } },
            },
            Participant = Participant("PA_self", "self"),
            OtherParticipants = { Participant("PA_other", "other") },
            IceServers = { new ICEServer { Urls = { "turn:127.0.0.1:3478" }, Username = "u", Credential = "c" } },
            SubscriberPrimary = true,
            ClientConfiguration = new ClientConfiguration
            {
                ForceRelay = ClientConfigSetting.Enabled,
                ResumeConnection = ClientConfigSetting.Disabled,
                DisabledCodecs = new DisabledCodecs { Publish = { new Codec { Mime = "video/H264" } } },
            },
            PingTimeout = 15,
            PingInterval = 5,
            ServerInfo = new ServerInfo
            {
                Edition = ServerInfo.Types.Edition.Cloud, Version = "1.9.0", Protocol = 17, Region = "eu", NodeId = "n1",
            },
            SifTrailer = ByteString.CopyFrom(9, 8, 7),
            EnabledPublishCodecs = { new Codec { Mime = "video/AV1" } },
            FastPublish = true,
        },
    };

    public static ParticipantInfo Participant(string sid, string identity) => new()
    {
        Sid = sid, Identity = identity, Name = identity.ToUpperInvariant(), State = ParticipantInfo.Types.State.Active,
        Metadata = "m", JoinedAt = 1, JoinedAtMs = 1000, Version = 3, Region = "eu", IsPublisher = true,
        Kind = ParticipantInfo.Types.Kind.Standard, DisconnectReason = DisconnectReason.UnknownReason,
        Attributes = { ["role"] = "host" }, ClientProtocol = 1,
        Capabilities = { ClientInfo.Types.Capability.CapPacketTrailer },
        Permission = new ParticipantPermission
        {
            CanSubscribe = true, CanPublish = true, CanPublishData = true, CanUpdateMetadata = true,
            CanPublishSources = { TrackSource.Camera, TrackSource.Microphone },
        },
        Tracks =
        {
            new TrackInfo
            {
                Sid = "TR_v", Type = TrackType.Video, Name = "cam", Source = TrackSource.Camera, Width = 1280, Height = 720,
                MimeType = "video/VP8", Mid = "1", Stream = "camera", Encryption = Encryption.Types.Type.Gcm,
                BackupCodecPolicy = BackupCodecPolicy.Simulcast,
                Codecs =
                {
                    new SimulcastCodecInfo
                    {
                        MimeType = "video/VP8", Mid = "1", Cid = "c1", SdpCid = "s1",
                        VideoLayerMode = VideoLayer.Types.Mode.OneSpatialLayerPerStream,
                        Layers = { new VideoLayer { Quality = VideoQuality.High, Width = 1280, Height = 720, Bitrate = 2_000_000, Ssrc = 1, Rid = "f", RepairSsrc = 2 } },
                    },
                },
                PacketTrailerFeatures = { PacketTrailerFeature.PtfUserTimestamp },
            },
        },
    };

    public static AddTrackRequest AddTrack() => new()
    {
        Cid = "mic-1", Name = "mic", Type = TrackType.Audio, Source = TrackSource.Microphone, Muted = false,
        DisableRed = true, Encryption = Encryption.Types.Type.Gcm, Stream = "camera",
        AudioFeatures = { AudioTrackFeature.TfStereo, AudioTrackFeature.TfNoDtx },
        Layers = { new VideoLayer { Quality = VideoQuality.Low, Rid = "q" } },
        SimulcastCodecs = { new SimulcastCodec { Codec = "vp9", Cid = "c2", Layers = { new VideoLayer { Rid = "f" } } } },
        BackupCodecPolicy = BackupCodecPolicy.PreferRegression,
        PacketTrailerFeatures = { PacketTrailerFeature.PtfFrameId },
    };

    public static SyncState SyncState() => new()
    {
        Answer = new SessionDescription { Type = "answer", Sdp = "v=0", Id = 2, MidToTrackId = { ["0"] = "TR_a" } },
        Offer = new SessionDescription { Type = "offer", Sdp = "v=0", Id = 2 },
        Subscription = new UpdateSubscription { TrackSids = { "TR_x" }, Subscribe = false },
        PublishTracks = { new TrackPublishedResponse { Cid = "mic-1", Track = new TrackInfo { Sid = "TR_m" } } },
        DataChannels = { new DataChannelInfo { Label = "_reliable", Id = 1, Target = SignalTarget.Publisher } },
        TrackSidsDisabled = { "TR_y" },
        DatachannelReceiveStates = { new DataChannelReceiveState { PublisherSid = "PA_b", LastSeq = 41 } },
    };

    /// <summary>One packet per member of DataPacket's oneof, keyed by the generated case name.</summary>
    public static Dictionary<string, DataPacket> DataPackets()
    {
        var header = new DataStream.Types.Header
        {
            StreamId = "s1", Timestamp = 5, Topic = "lk.chat", MimeType = "text/plain", TotalLength = 11,
            Attributes = { ["a"] = "b" }, Compression = DataStream.Types.CompressionType.DeflateRaw,
            TextHeader = new DataStream.Types.TextHeader
            {
                OperationType = DataStream.Types.OperationType.Update, Version = 2, ReplyToStreamId = "s0",
                AttachedStreamIds = { "s2" }, Generated = true,
            },
        };
        var packets = new Dictionary<string, DataPacket>
        {
            ["User"] = new() { User = new UserPacket { Payload = ByteString.CopyFromUtf8("hi"), Topic = "t", Id = "u1", StartTime = 1, EndTime = 2, Nonce = ByteString.CopyFrom(1) } },
            ["Speaker"] = new() { Speaker = new ActiveSpeakerUpdate { Speakers = { new SpeakerInfo { Sid = "PA_a", Level = 0.5f, Active = true } } } },
            ["SipDtmf"] = new() { SipDtmf = new SipDTMF { Code = 5, Digit = "5" } },
            ["Transcription"] = new() { Transcription = new Transcription { TranscribedParticipantIdentity = "a", TrackId = "TR_a", Segments = { new TranscriptionSegment { Id = "g", Text = "hello", StartTime = 1, EndTime = 2, Final = true, Language = "en" } } } },
            ["Metrics"] = new() { Metrics = new MetricsBatch { TimestampMs = 7, StrData = { "x" }, TimeSeries = { new TimeSeriesMetric { Label = 17, Samples = { new MetricSample { TimestampMs = 7, Value = 1.5f } } } } } },
            ["ChatMessage"] = new() { ChatMessage = new ChatMessage { Id = "c", Timestamp = 3, EditTimestamp = 4, Message = "m", Deleted = false, Generated = true } },
            ["RpcRequest"] = new() { RpcRequest = new RpcRequest { Id = "r", Method = "m", Payload = "p", ResponseTimeoutMs = 15000, Version = 1 } },
            ["RpcAck"] = new() { RpcAck = new RpcAck { RequestId = "r" } },
            ["RpcResponse"] = new() { RpcResponse = new RpcResponse { RequestId = "r", Error = new RpcError { Code = 1500, Message = "boom", Data = "d" } } },
            ["StreamHeader"] = new() { StreamHeader = header },
            ["StreamChunk"] = new() { StreamChunk = new DataStream.Types.Chunk { StreamId = "s1", ChunkIndex = 3, Content = ByteString.CopyFromUtf8("abc"), Version = 1 } },
            ["StreamTrailer"] = new() { StreamTrailer = new DataStream.Types.Trailer { StreamId = "s1", Reason = "", Attributes = { ["k"] = "v" } } },
            ["EncryptedPacket"] = new() { EncryptedPacket = new EncryptedPacket { EncryptionType = Encryption.Types.Type.Gcm, Iv = ByteString.CopyFrom(new byte[12]), KeyIndex = 2, EncryptedValue = ByteString.CopyFrom(4, 5) } },
        };
        foreach (DataPacket packet in packets.Values)
        {
            packet.Kind = DataPacket.Types.Kind.Reliable;
            packet.ParticipantIdentity = "sender";
            packet.ParticipantSid = "PA_sender";
            packet.DestinationIdentities.Add("receiver");
            packet.Sequence = 9;
        }

        return packets;
    }
}
