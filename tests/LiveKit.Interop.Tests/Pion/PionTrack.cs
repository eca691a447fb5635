using System.Text.Json;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>The remote track a pion peer reported when the first RTP packet of it arrived (pion's OnTrack).</summary>
/// <param name="Kind"><c>audio</c> or <c>video</c>.</param>
/// <param name="Ssrc">The sender's SSRC.</param>
/// <param name="PayloadType">The RTP payload type of the first packet.</param>
/// <param name="MimeType">The negotiated codec, e.g. <c>audio/opus</c>.</param>
public sealed record PionTrack(string Kind, uint Ssrc, int PayloadType, string MimeType)
{
    /// <summary>Reads a <c>track</c> event.</summary>
    public static PionTrack FromJson(JsonElement json) => new(
        json.GetProperty("kind").GetString() ?? "",
        json.GetProperty("ssrc").GetUInt32(),
        json.GetProperty("payloadType").GetInt32(),
        json.GetProperty("mimeType").GetString() ?? "");
}
