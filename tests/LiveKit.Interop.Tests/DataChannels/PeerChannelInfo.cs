using System;
using System.Text.Json;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>A data channel as a real peer describes it (the pion program and peer.js write the same object).</summary>
/// <param name="Label">The label (for a second remote channel with a label already taken, <c>label@id</c>).</param>
/// <param name="Id">The SCTP stream id, null until assigned.</param>
/// <param name="Ordered">Ordered delivery.</param>
/// <param name="MaxRetransmits">The retransmission limit, null when none.</param>
/// <param name="MaxPacketLifeTime">The lifetime limit, null when none.</param>
/// <param name="Protocol">The sub-protocol.</param>
/// <param name="Negotiated">Negotiated out of band.</param>
/// <param name="State">W3C readyState: connecting, open, closing, closed.</param>
/// <param name="Remote">Opened by the other side (reported by ondatachannel).</param>
public sealed record PeerChannelInfo(
    string Label, int? Id, bool Ordered, int? MaxRetransmits, TimeSpan? MaxPacketLifeTime, string Protocol, bool Negotiated,
    string State, bool Remote)
{
    /// <summary>Reads a channel description.</summary>
    public static PeerChannelInfo FromJson(JsonElement json) => new(
        json.GetProperty("label").GetString() ?? "",
        OptionalInt(json, "id"),
        json.GetProperty("ordered").GetBoolean(),
        OptionalInt(json, "maxRetransmits"),
        OptionalInt(json, "maxPacketLifeTime") is int ms ? TimeSpan.FromMilliseconds(ms) : null,
        json.TryGetProperty("protocol", out JsonElement protocol) ? protocol.GetString() ?? "" : "",
        json.TryGetProperty("negotiated", out JsonElement negotiated) && negotiated.GetBoolean(),
        json.TryGetProperty("state", out JsonElement state) ? state.GetString() ?? "" : "",
        json.TryGetProperty("remote", out JsonElement remote) && remote.ValueKind == JsonValueKind.True);

    /// <summary>A number member, or null when it is absent or null.</summary>
    internal static int? OptionalInt(JsonElement json, string name) =>
        json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
