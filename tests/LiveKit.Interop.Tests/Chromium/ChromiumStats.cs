using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// A summary of the page's <c>RTCPeerConnection.getStats()</c> (W3C webrtc-stats): its <c>inbound-rtp</c>,
/// <c>outbound-rtp</c> and <c>transport</c> entries with the fields our tests read.
/// </summary>
public sealed record ChromiumStats
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every <c>inbound-rtp</c> entry (Chromium makes one once the first packet of an SSRC arrives).</summary>
    public IReadOnlyList<InboundRtpStats> Inbound { get; init; } = [];

    /// <summary>Every <c>outbound-rtp</c> entry.</summary>
    public IReadOnlyList<OutboundRtpStats> Outbound { get; init; } = [];

    /// <summary>Every <c>remote-inbound-rtp</c> entry: one per SSRC of ours the peer's receiver reports had a block for.</summary>
    public IReadOnlyList<RemoteInboundRtpStats> RemoteInbound { get; init; } = [];

    /// <summary>Every <c>transport</c> entry: one with BUNDLE.</summary>
    public IReadOnlyList<TransportStats> Transports { get; init; } = [];

    /// <summary>The audio <c>inbound-rtp</c> entries.</summary>
    [JsonIgnore]
    public IEnumerable<InboundRtpStats> InboundAudio => Inbound.Where(s => s.Kind == "audio");

    /// <summary>The audio <c>outbound-rtp</c> entries.</summary>
    [JsonIgnore]
    public IEnumerable<OutboundRtpStats> OutboundAudio => Outbound.Where(s => s.Kind == "audio");

    /// <summary>The video <c>outbound-rtp</c> entries (one per simulcast layer).</summary>
    [JsonIgnore]
    public IEnumerable<OutboundRtpStats> OutboundVideo => Outbound.Where(s => s.Kind == "video");

    /// <summary>The first transport (with BUNDLE, the only one), or null before there is one.</summary>
    [JsonIgnore]
    public TransportStats? Transport => Transports.Count == 0 ? null : Transports[0];

    /// <summary>The summary as JSON, for messages.</summary>
    public override string ToString() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the JSON peer.js returns.</summary>
    internal static ChromiumStats Parse(string json) =>
        JsonSerializer.Deserialize<ChromiumStats>(json, Json) ?? throw new JsonException("null stats");
}
