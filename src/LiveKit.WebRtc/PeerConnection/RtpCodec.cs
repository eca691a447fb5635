using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

/// <summary>
/// An RTP codec as SDP describes it (<c>a=rtpmap</c>, <c>a=fmtp</c>, <c>a=rtcp-fb</c>). In a transceiver's
/// preferences <see cref="PayloadType"/> is the type we offer; once negotiated it is the type the session uses.
/// </summary>
/// <param name="Kind">Audio or video.</param>
/// <param name="Name">Encoding name, e.g. <c>opus</c> or <c>VP8</c> (compared case-insensitively, RFC 8866 §6.6).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Channel count for audio (Opus is always 2 in SDP, RFC 7587 §7), or null.</param>
/// <param name="PayloadType">The dynamic payload type (96..127 by convention).</param>
/// <param name="FormatParameters">The <c>a=fmtp</c> parameters, or null.</param>
/// <param name="RtcpFeedback">The <c>a=rtcp-fb</c> values, e.g. <c>nack</c>, <c>nack pli</c>, <c>ccm fir</c>.</param>
public sealed record RtpCodec(
    MediaKind Kind,
    string Name,
    int ClockRate,
    int? Channels,
    int PayloadType,
    string? FormatParameters = null,
    IReadOnlyList<string>? RtcpFeedback = null)
{
    /// <summary>Opus (RFC 7587) as browsers offer it: PT 111, 10 ms minimum packet time and in-band FEC.</summary>
    public static RtpCodec Opus { get; } = new(MediaKind.Audio, "opus", 48000, 2, 111, "minptime=10;useinbandfec=1");

    /// <summary>VP8 (RFC 7741) with NACK, PLI and FIR feedback.</summary>
    public static RtpCodec Vp8 { get; } = new(MediaKind.Video, "VP8", 90000, null, 96, null, new[] { "nack", "nack pli", "ccm fir" });

    /// <summary>The codecs a transceiver of <paramref name="kind"/> uses when none are given.</summary>
    public static IReadOnlyList<RtpCodec> DefaultsFor(MediaKind kind) => kind == MediaKind.Audio ? new[] { Opus } : new[] { Vp8 };

    /// <summary>True when an offered or answered rtpmap names this codec (name, clock rate, and channels when set).</summary>
    internal bool Matches(SdpRtpMap rtpMap) =>
        string.Equals(Name, rtpMap.EncodingName, StringComparison.OrdinalIgnoreCase)
        && ClockRate == rtpMap.ClockRate
        && (Channels is null || Channels == (rtpMap.Channels ?? 1));

    /// <summary>The capability the answer builder matches offers against.</summary>
    internal SdpCodecCapability ToCapability() => new(Kind.ToSdp(), Name, ClockRate, Channels);

    /// <summary>This codec as the session negotiated it: the section's payload type, fmtp and feedback.</summary>
    internal static RtpCodec FromSection(MediaKind kind, SdpMediaDescription section, SdpRtpMap rtpMap)
    {
        var feedback = new List<string>();
        foreach (SdpRtcpFeedback fb in section.RtcpFeedbacks)
        {
            if (fb.PayloadType is null || fb.PayloadType == rtpMap.PayloadType)
            {
                feedback.Add(fb.Parameter is null ? fb.Type : fb.Type + " " + fb.Parameter);
            }
        }

        return new RtpCodec(kind, rtpMap.EncodingName, rtpMap.ClockRate, rtpMap.Channels, rtpMap.PayloadType,
            section.GetFmtp(rtpMap.PayloadType)?.Parameters, feedback);
    }
}
