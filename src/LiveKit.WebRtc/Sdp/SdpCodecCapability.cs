using System;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// A codec this endpoint can handle, matched against an offer's <c>a=rtpmap</c> by name (case-insensitive, as
/// RFC 8866 §6.6 says encoding names are), clock rate and, when given, channel count.
/// </summary>
/// <param name="Kind">The media kind it belongs to: <c>audio</c> or <c>video</c>.</param>
/// <param name="Name">Encoding name, e.g. <c>opus</c>, <c>VP8</c>, <c>rtx</c>.</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Required channel count, or null to accept any (an absent count in SDP means 1).</param>
public sealed record SdpCodecCapability(string Kind, string Name, int ClockRate, int? Channels = null)
{
    /// <summary>Opus, 48 kHz stereo (RFC 7587 §7).</summary>
    public static SdpCodecCapability Opus { get; } = new("audio", "opus", 48000, 2);

    /// <summary>VP8 at the 90 kHz video clock (RFC 7741 §6.1).</summary>
    public static SdpCodecCapability Vp8 { get; } = new("video", "VP8", 90000);

    /// <summary>Video retransmission (RFC 4588 §8.1); accepted only for payload types whose <c>apt</c> is accepted.</summary>
    public static SdpCodecCapability VideoRtx { get; } = new("video", "rtx", 90000);

    /// <summary>The encoding name of retransmission payloads.</summary>
    public const string RtxName = "rtx";

    /// <summary>True when this capability describes the given rtpmap in a section of the given kind.</summary>
    public bool Matches(string kind, SdpRtpMap rtpMap) =>
        string.Equals(Kind, kind, StringComparison.Ordinal)
        && string.Equals(Name, rtpMap.EncodingName, StringComparison.OrdinalIgnoreCase)
        && ClockRate == rtpMap.ClockRate
        && (Channels is null || Channels == (rtpMap.Channels ?? 1));
}
