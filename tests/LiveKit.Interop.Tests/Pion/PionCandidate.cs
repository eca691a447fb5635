using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>An ICE candidate as RTCIceCandidateInit: the <c>candidate:</c> line and the media section it belongs to.</summary>
/// <param name="Candidate">The attribute value with its <c>candidate:</c> prefix, e.g. <c>candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host</c>.</param>
/// <param name="SdpMid">The <c>a=mid</c> of the media section (pion's candidates belong to the first, bundled one).</param>
/// <param name="SdpMLineIndex">The index of that media section.</param>
public sealed record PionCandidate(string Candidate, string? SdpMid, int? SdpMLineIndex)
{
    /// <summary>The candidate as the JSON object the peer program reads and writes.</summary>
    public JsonObject ToJson() =>
        new() { ["candidate"] = Candidate, ["sdpMid"] = SdpMid, ["sdpMLineIndex"] = SdpMLineIndex };

    /// <summary>Reads a candidate object written by the peer program.</summary>
    public static PionCandidate FromJson(JsonElement json) => new(
        json.GetProperty("candidate").GetString() ?? "",
        json.TryGetProperty("sdpMid", out JsonElement mid) && mid.ValueKind == JsonValueKind.String ? mid.GetString() : null,
        json.TryGetProperty("sdpMLineIndex", out JsonElement index) && index.ValueKind == JsonValueKind.Number ? index.GetInt32() : null);
}
