using System.Collections.Generic;

namespace LiveKit.Protocol.Tests;

/// <summary>
/// The field numbers, names and types that docs/livekit-protocol.md (§1.1, §2, §4, §7) lists, as read from
/// upstream livekit/protocol. Each entry is "number name" or "number name:type"; the type is the protobuf
/// scalar type (message and enum fields are checked by name and number only).
/// </summary>
internal static class WireContract
{
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        // §2.1 and §2.2: the signal oneofs.
        ["SignalRequest"] = "1 offer, 2 answer, 3 trickle, 4 add_track, 5 mute, 6 subscription, 7 track_setting, 8 leave, " +
            "10 update_layers, 11 subscription_permission, 12 sync_state, 13 simulate, 14 ping:int64, 15 update_metadata, " +
            "16 ping_req, 17 update_audio_track, 18 update_video_track",
        ["SignalResponse"] = "1 join, 2 answer, 3 offer, 4 trickle, 5 update, 6 track_published, 8 leave, 9 mute, " +
            "10 speakers_changed, 11 room_update, 12 connection_quality, 13 stream_state_update, " +
            "14 subscribed_quality_update, 15 subscription_permission_update, 16 refresh_token:string, " +
            "17 track_unpublished, 18 pong:int64, 19 reconnect, 20 pong_resp, 21 subscription_response, " +
            "22 request_response, 23 track_subscribed, 24 room_moved, 25 media_sections_requirement, " +
            "26 subscribed_audio_codec_update",

        // §2.3: key messages.
        ["JoinResponse"] = "1 room, 2 participant, 3 other_participants, 4 server_version:string, 5 ice_servers, " +
            "6 subscriber_primary:bool, 7 alternative_url:string, 8 client_configuration, 9 server_region:string, " +
            "10 ping_timeout:int32, 11 ping_interval:int32, 12 server_info, 13 sif_trailer:bytes, " +
            "14 enabled_publish_codecs, 15 fast_publish:bool",
        ["ICEServer"] = "1 urls:string, 2 username:string, 3 credential:string",
        ["Codec"] = "1 mime:string, 2 fmtp_line:string",
        ["ServerInfo"] = "1 edition, 2 version:string, 3 protocol:int32, 4 region:string, 5 node_id:string",
        ["ClientConfiguration"] = "1 video, 2 screen, 3 resume_connection, 4 disabled_codecs, 5 force_relay",
        ["DisabledCodecs"] = "1 codecs, 2 publish",
        ["Room"] = "1 sid:string, 2 name:string, 3 empty_timeout:uint32, 4 max_participants:uint32, " +
            "5 creation_time:int64, 6 turn_password:string, 7 enabled_codecs, 8 metadata:string, " +
            "9 num_participants:uint32, 10 active_recording:bool, 11 num_publishers:uint32, 13 version, " +
            "14 departure_timeout:uint32, 15 creation_time_ms:int64",
        ["ParticipantInfo"] = "1 sid:string, 2 identity:string, 3 state, 4 tracks, 5 metadata:string, 6 joined_at:int64, " +
            "9 name:string, 10 version:uint32, 11 permission, 12 region:string, 13 is_publisher:bool, 14 kind, " +
            "15 attributes, 16 disconnect_reason, 17 joined_at_ms:int64, 20 client_protocol:int32, 21 capabilities",
        ["ParticipantPermission"] = "1 can_subscribe:bool, 2 can_publish:bool, 3 can_publish_data:bool, 7 hidden:bool, " +
            "9 can_publish_sources, 10 can_update_metadata:bool",
        ["TrackInfo"] = "1 sid:string, 2 type, 3 name:string, 4 muted:bool, 5 width:uint32, 6 height:uint32, " +
            "7 simulcast:bool, 9 source, 10 layers, 11 mime_type:string, 12 mid:string, 13 codecs, 14 stereo:bool, " +
            "15 disable_red:bool, 16 encryption, 17 stream:string, 18 version, 19 audio_features, " +
            "20 backup_codec_policy",
        ["SimulcastCodecInfo"] = "1 mime_type:string, 2 mid:string, 3 cid:string, 4 layers, 5 video_layer_mode, " +
            "6 sdp_cid:string",
        ["VideoLayer"] = "1 quality, 2 width:uint32, 3 height:uint32, 4 bitrate:uint32, 5 ssrc:uint32, " +
            "6 spatial_layer:int32, 7 rid:string, 8 repair_ssrc:uint32",
        ["SessionDescription"] = "1 type:string, 2 sdp:string, 3 id:uint32, 4 mid_to_track_id",
        ["TrickleRequest"] = "1 candidateInit:string, 2 target, 3 final:bool",
        ["AddTrackRequest"] = "1 cid:string, 2 name:string, 3 type, 4 width:uint32, 5 height:uint32, 6 muted:bool, " +
            "7 disable_dtx:bool, 8 source, 9 layers, 10 simulcast_codecs, 11 sid:string, 12 stereo:bool, " +
            "13 disable_red:bool, 14 encryption, 15 stream:string, 16 backup_codec_policy, 17 audio_features, " +
            "18 packet_trailer_features",
        ["SimulcastCodec"] = "1 codec:string, 2 cid:string, 4 layers, 5 video_layer_mode",
        ["TrackPublishedResponse"] = "1 cid:string, 2 track",
        ["TrackUnpublishedResponse"] = "1 track_sid:string",
        ["MuteTrackRequest"] = "1 sid:string, 2 muted:bool",
        ["UpdateSubscription"] = "1 track_sids:string, 2 subscribe:bool, 3 participant_tracks",
        ["ParticipantTracks"] = "1 participant_sid:string, 2 track_sids:string",
        ["UpdateTrackSettings"] = "1 track_sids:string, 3 disabled:bool, 4 quality, 5 width:uint32, 6 height:uint32, " +
            "7 fps:uint32, 8 priority:uint32",
        ["UpdateParticipantMetadata"] = "1 metadata:string, 2 name:string, 3 attributes, 4 request_id:uint32",
        ["RequestResponse"] = "1 request_id:uint32, 2 reason, 3 message:string, 4 trickle, 5 add_track, 6 mute, " +
            "7 update_metadata, 8 update_audio_track, 9 update_video_track",
        ["ParticipantUpdate"] = "1 participants",
        ["RoomUpdate"] = "1 room",
        ["SpeakersChanged"] = "1 speakers",
        ["SpeakerInfo"] = "1 sid:string, 2 level:float, 3 active:bool",
        ["ConnectionQualityUpdate"] = "1 updates",
        ["ConnectionQualityInfo"] = "1 participant_sid:string, 2 quality, 3 score:float",
        ["StreamStateUpdate"] = "1 stream_states",
        ["StreamStateInfo"] = "1 participant_sid:string, 2 track_sid:string, 3 state",
        ["SubscribedQualityUpdate"] = "1 track_sid:string, 2 subscribed_qualities, 3 subscribed_codecs",
        ["SubscribedCodec"] = "1 codec:string, 2 qualities",
        ["SubscribedQuality"] = "1 quality, 2 enabled:bool",
        ["SubscriptionPermission"] = "1 all_participants:bool, 2 track_permissions",
        ["TrackPermission"] = "1 participant_sid:string, 2 all_tracks:bool, 3 track_sids:string, " +
            "4 participant_identity:string",
        ["SubscriptionPermissionUpdate"] = "1 participant_sid:string, 2 track_sid:string, 3 allowed:bool",
        ["SubscriptionResponse"] = "1 track_sid:string, 2 err",
        ["TrackSubscribed"] = "1 track_sid:string",
        ["LeaveRequest"] = "1 can_reconnect:bool, 2 reason, 3 action, 4 regions",
        ["RegionSettings"] = "1 regions",
        ["RegionInfo"] = "1 region:string, 2 url:string, 3 distance:int64",
        ["Ping"] = "1 timestamp:int64, 2 rtt:int64",
        ["Pong"] = "1 last_ping_timestamp:int64, 2 timestamp:int64",
        ["ReconnectResponse"] = "1 ice_servers, 2 client_configuration, 3 server_info, 4 last_message_seq:uint32",
        ["RoomMovedResponse"] = "1 room, 2 token:string, 3 participant, 4 other_participants",
        ["SyncState"] = "1 answer, 2 subscription, 3 publish_tracks, 4 data_channels, 5 offer, " +
            "6 track_sids_disabled:string, 7 datachannel_receive_states",
        ["DataChannelInfo"] = "1 label:string, 2 id:uint32, 3 target",
        ["DataChannelReceiveState"] = "1 publisher_sid:string, 2 last_seq:uint32",
        ["MediaSectionsRequirement"] = "1 num_audios:uint32, 2 num_videos:uint32",
        ["UpdateLocalAudioTrack"] = "1 track_sid:string, 2 features",
        ["UpdateLocalVideoTrack"] = "1 track_sid:string, 2 width:uint32, 3 height:uint32",

        // §1.1: the /rtc/v1 join request.
        ["WrappedJoinRequest"] = "1 compression, 2 join_request:bytes",
        ["JoinRequest"] = "1 client_info, 2 connection_settings, 3 metadata:string, 4 participant_attributes, " +
            "5 add_track_requests, 6 publisher_offer, 7 reconnect:bool, 8 reconnect_reason, 9 participant_sid:string, " +
            "10 sync_state",
        ["ClientInfo"] = "1 sdk, 2 version:string, 3 protocol:int32, 4 os:string, 12 client_protocol:int32, 13 capabilities",
        ["ConnectionSettings"] = "1 auto_subscribe:bool, 2 adaptive_stream:bool, 3 subscriber_allow_pause:bool, " +
            "4 disable_ice_lite:bool, 5 auto_subscribe_data_track:bool",

        // §4: the data channel packet and its members.
        ["DataPacket"] = "1 kind, 2 user, 3 speaker, 4 participant_identity:string, 5 destination_identities:string, " +
            "6 sip_dtmf, 7 transcription, 8 metrics, 9 chat_message, 10 rpc_request, 11 rpc_ack, 12 rpc_response, " +
            "13 stream_header, 14 stream_chunk, 15 stream_trailer, 16 sequence:uint32, 17 participant_sid:string, " +
            "18 encrypted_packet",
        ["UserPacket"] = "2 payload:bytes, 4 topic:string, 8 id:string, 9 start_time:uint64, 10 end_time:uint64, " +
            "11 nonce:bytes",
        ["SipDTMF"] = "3 code:uint32, 4 digit:string",
        ["Transcription"] = "2 transcribed_participant_identity:string, 3 track_id:string, 4 segments",
        ["TranscriptionSegment"] = "1 id:string, 2 text:string, 3 start_time:uint64, 4 end_time:uint64, 5 final:bool, " +
            "6 language:string",
        ["ChatMessage"] = "1 id:string, 2 timestamp:int64, 3 edit_timestamp:int64, 4 message:string, 5 deleted:bool, " +
            "6 generated:bool",
        ["RpcRequest"] = "1 id:string, 2 method:string, 3 payload:string, 4 response_timeout_ms:uint32, 5 version:uint32, " +
            "6 compressed_payload:bytes",
        ["RpcAck"] = "1 request_id:string",
        ["RpcResponse"] = "1 request_id:string, 2 payload:string, 3 error, 4 compressed_payload:bytes",
        ["RpcError"] = "1 code:uint32, 2 message:string, 3 data:string",
        ["DataStream.Header"] = "1 stream_id:string, 2 timestamp:int64, 3 topic:string, 4 mime_type:string, " +
            "5 total_length:uint64, 8 attributes, 9 text_header, 10 byte_header, 11 inline_content:bytes, 12 compression",
        ["DataStream.TextHeader"] = "1 operation_type, 2 version:int32, 3 reply_to_stream_id:string, " +
            "4 attached_stream_ids:string, 5 generated:bool",
        ["DataStream.ByteHeader"] = "1 name:string",
        ["DataStream.Chunk"] = "1 stream_id:string, 2 chunk_index:uint64, 3 content:bytes, 4 version:int32",
        ["DataStream.Trailer"] = "1 stream_id:string, 2 reason:string, 3 attributes",

        // §7: data channel end-to-end encryption.
        ["EncryptedPacket"] = "1 encryption_type, 2 iv:bytes, 3 key_index:uint32, 4 encrypted_value:bytes",
        ["EncryptedPacketPayload"] = "1 user, 3 chat_message, 4 rpc_request, 5 rpc_ack, 6 rpc_response, 7 stream_header, " +
            "8 stream_chunk, 9 stream_trailer",
    };

    /// <summary>Enum values the brief lists, as "NAME number".</summary>
    public static readonly IReadOnlyDictionary<string, string> EnumValues = new Dictionary<string, string>
    {
        ["SignalTarget"] = "PUBLISHER 0, SUBSCRIBER 1",
        ["StreamState"] = "ACTIVE 0, PAUSED 1",
        ["TrackType"] = "AUDIO 0, VIDEO 1, DATA 2",
        ["TrackSource"] = "UNKNOWN 0, CAMERA 1, MICROPHONE 2, SCREEN_SHARE 3, SCREEN_SHARE_AUDIO 4",
        ["VideoQuality"] = "LOW 0, MEDIUM 1, HIGH 2, OFF 3",
        ["ConnectionQuality"] = "POOR 0, GOOD 1, EXCELLENT 2, LOST 3",
        ["ClientConfigSetting"] = "UNSET 0, DISABLED 1, ENABLED 2",
        ["SubscriptionError"] = "SE_UNKNOWN 0, SE_CODEC_UNSUPPORTED 1, SE_TRACK_NOTFOUND 2",
        ["ReconnectReason"] = "RR_UNKNOWN 0, RR_SIGNAL_DISCONNECTED 1, RR_PUBLISHER_FAILED 2, RR_SUBSCRIBER_FAILED 3, " +
            "RR_SWITCH_CANDIDATE 4",
        ["DisconnectReason"] = "UNKNOWN_REASON 0, CLIENT_INITIATED 1, DUPLICATE_IDENTITY 2, SERVER_SHUTDOWN 3, " +
            "PARTICIPANT_REMOVED 4, ROOM_DELETED 5, STATE_MISMATCH 6, JOIN_FAILURE 7, MIGRATION 8, SIGNAL_CLOSE 9, " +
            "ROOM_CLOSED 10, USER_UNAVAILABLE 11, USER_REJECTED 12, SIP_TRUNK_FAILURE 13, CONNECTION_TIMEOUT 14, " +
            "MEDIA_FAILURE 15, AGENT_ERROR 16",
        ["AudioTrackFeature"] = "TF_STEREO 0, TF_NO_DTX 1, TF_AUTO_GAIN_CONTROL 2, TF_ECHO_CANCELLATION 3, " +
            "TF_NOISE_SUPPRESSION 4, TF_ENHANCED_NOISE_CANCELLATION 5, TF_PRECONNECT_BUFFER 6",
        ["ParticipantInfo.State"] = "JOINING 0, JOINED 1, ACTIVE 2, DISCONNECTED 3",
        ["ParticipantInfo.Kind"] = "STANDARD 0, INGRESS 1, EGRESS 2, SIP 3, AGENT 4, CONNECTOR 7, BRIDGE 8",
        ["Encryption.Type"] = "NONE 0, GCM 1, CUSTOM 2",
        ["LeaveRequest.Action"] = "DISCONNECT 0, RESUME 1, RECONNECT 2",
        ["RequestResponse.Reason"] = "OK 0, NOT_FOUND 1, NOT_ALLOWED 2, LIMIT_EXCEEDED 3, QUEUED 4, UNSUPPORTED_TYPE 5, " +
            "UNCLASSIFIED_ERROR 6, INVALID_REQUEST 11",
        ["DataPacket.Kind"] = "RELIABLE 0, LOSSY 1",
        ["ServerInfo.Edition"] = "Standard 0, Cloud 1",
        ["WrappedJoinRequest.Compression"] = "NONE 0, GZIP 1",
        ["DataStream.CompressionType"] = "NONE 0, DEFLATE_RAW 1",
        ["ClientInfo.Capability"] = "CAP_UNUSED 0, CAP_PACKET_TRAILER 1, CAP_COMPRESSION_DEFLATE_RAW 2",
    };
}
