using System.Text.Json;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>What a real peer received on one channel (the <c>messages</c> report of the pion program and peer.js).</summary>
/// <param name="Label">The channel.</param>
/// <param name="State">The channel's state when the peer answered.</param>
/// <param name="Received">Messages received.</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="Messages">The verification, when the channel checked against the generator; null when it only counted.</param>
/// <param name="Stalls">With a stall measure set (<see cref="ReceiveSpec.StallsOf"/>): the other channel's stalls.</param>
/// <param name="DuringStalls">This channel's arrivals during them.</param>
/// <param name="Error">The channel's last error, if any.</param>
public sealed record PeerChannelReport(
    string Label, string State, long Received, long Bytes, MessageReport? Messages, int? Stalls, int? DuringStalls, string? Error)
{
    /// <summary>Reads a <c>messages</c> report.</summary>
    public static PeerChannelReport FromJson(JsonElement json)
    {
        MessageReport? messages = null;
        if (json.TryGetProperty("verified", out JsonElement verified) && verified.ValueKind == JsonValueKind.True)
        {
            messages = new MessageReport(
                json.GetProperty("received").GetInt64(),
                json.GetProperty("bytes").GetInt64(),
                json.GetProperty("expected").GetInt64(),
                json.GetProperty("distinct").GetInt64(),
                json.GetProperty("mismatches").GetInt64(),
                json.GetProperty("outOfOrder").GetInt64(),
                json.GetProperty("duplicates").GetInt64(),
                json.GetProperty("unknown").GetInt64(),
                json.GetProperty("firstProblem").GetString() ?? "");
        }

        return new PeerChannelReport(
            json.GetProperty("label").GetString() ?? "",
            json.TryGetProperty("state", out JsonElement state) ? state.GetString() ?? "" : "",
            json.GetProperty("received").GetInt64(),
            json.GetProperty("bytes").GetInt64(),
            messages,
            PeerChannelInfo.OptionalInt(json, "stalls"),
            PeerChannelInfo.OptionalInt(json, "duringStalls"),
            json.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Label} ({State}): {Received} messages, {Bytes} B" + (Messages is null ? "" : $"; {Messages}") +
        (Stalls is null ? "" : $"; {DuringStalls} arrivals during {Stalls} stalls of the other channel") +
        (Error is null ? "" : $"; error: {Error}");
}
