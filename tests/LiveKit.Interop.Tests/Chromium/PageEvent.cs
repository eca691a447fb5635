using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// One event peer.js pushes through <c>window.lkPeerEvent</c>: <c>{"seq":n,"type":...}</c> plus the members of that
/// type (<c>state</c>; <c>candidate</c>, an RTCIceCandidateInit; <c>failure</c>; <c>kind</c> and <c>mid</c> of a track).
/// </summary>
internal sealed record PageEvent
{
    /// <summary>1, 2, 3... in the order the page emitted them.</summary>
    [JsonPropertyName("seq")]
    public long Seq { get; init; }

    /// <summary><c>candidate</c>, <c>endOfCandidates</c>, <c>connectionState</c>, <c>iceConnectionState</c>,
    /// <c>iceGatheringState</c>, <c>dtlsState</c>, <c>track</c>, <c>failure</c>, <c>dataChannel</c> or <c>channelState</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>The new state, W3C spelling, for the state events.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>The candidate's RTCIceCandidateInit JSON, for <c>candidate</c>.</summary>
    [JsonPropertyName("candidate")]
    public JsonElement? Candidate { get; init; }

    /// <summary>The failure, for <c>failure</c>.</summary>
    [JsonPropertyName("failure")]
    public ChromiumPeerFailure? Failure { get; init; }

    /// <summary>The track's kind, for <c>track</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>The track's transceiver mid, for <c>track</c>.</summary>
    [JsonPropertyName("mid")]
    public string? Mid { get; init; }

    /// <summary>The channel's description, for <c>dataChannel</c> (see DataChannels/PeerChannelInfo.cs).</summary>
    [JsonPropertyName("channel")]
    public JsonElement? Channel { get; init; }

    /// <summary>The channel's label, for <c>channelState</c>.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>The channel's last error, for <c>channelState</c>, or null.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>Reads one event; throws <see cref="JsonException"/> on anything else.</summary>
    public static PageEvent Parse(string json) =>
        JsonSerializer.Deserialize<PageEvent>(json) ?? throw new JsonException("null page event");
}
