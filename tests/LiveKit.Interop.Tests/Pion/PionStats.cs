using System.Text.Json;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// What a pion peer counted (reply to <c>getStats</c>). Received figures cover the first remote audio track; a
/// sequence gap is a packet whose sequence number is not the previous one plus 1 (mod 2^16).
/// </summary>
/// <param name="PacketsReceived">RTP packets read from the remote track.</param>
/// <param name="BytesReceived">Their payload bytes.</param>
/// <param name="SequenceGaps">Packets that did not follow the previous one in sequence.</param>
/// <param name="FirstSequence">Sequence number of the first packet, null before any.</param>
/// <param name="LastSequence">Sequence number of the last packet, null before any.</param>
/// <param name="PayloadType">Payload type of the last packet, null before any.</param>
/// <param name="Ssrc">SSRC of the last packet, null before any.</param>
/// <param name="PacketsSent">Opus frames written to the local track (one RTP packet each).</param>
/// <param name="BytesSent">Their payload bytes.</param>
/// <param name="SendSsrc">SSRC of the local audio track, null when the peer does not send.</param>
/// <param name="SrtpProfile">The negotiated DTLS-SRTP profile, e.g. <c>SRTP_AEAD_AES_128_GCM</c>; empty before DTLS connects.</param>
/// <param name="State">The peer's state when it answered.</param>
public sealed record PionStats(
    long PacketsReceived,
    long BytesReceived,
    long SequenceGaps,
    int? FirstSequence,
    int? LastSequence,
    int? PayloadType,
    uint? Ssrc,
    long PacketsSent,
    long BytesSent,
    uint? SendSsrc,
    string SrtpProfile,
    PionState State)
{
    /// <summary>SO_RCVBUF the kernel granted the peer's ICE socket (Linux reports twice what was asked); 0 before gathering.</summary>
    public long SocketReceiveBuffer { get; init; }

    /// <summary>SO_SNDBUF the kernel granted the peer's ICE socket.</summary>
    public long SocketSendBuffer { get; init; }

    /// <summary>Reads a <c>stats</c> reply.</summary>
    public static PionStats FromJson(JsonElement json) => new(
        json.GetProperty("packetsReceived").GetInt64(),
        json.GetProperty("bytesReceived").GetInt64(),
        json.GetProperty("sequenceGaps").GetInt64(),
        OptionalInt(json, "firstSequence"),
        OptionalInt(json, "lastSequence"),
        OptionalInt(json, "payloadType"),
        OptionalUInt(json, "ssrc"),
        json.GetProperty("packetsSent").GetInt64(),
        json.GetProperty("bytesSent").GetInt64(),
        OptionalUInt(json, "sendSsrc"),
        json.GetProperty("srtpProfile").GetString() ?? "",
        PionState.FromJson(json))
    {
        SocketReceiveBuffer = json.TryGetProperty("socketReceiveBuffer", out JsonElement receive) ? receive.GetInt64() : 0,
        SocketSendBuffer = json.TryGetProperty("socketSendBuffer", out JsonElement send) ? send.GetInt64() : 0,
    };

    private static int? OptionalInt(JsonElement json, string name) =>
        json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static uint? OptionalUInt(JsonElement json, string name) =>
        json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetUInt32() : null;
}
