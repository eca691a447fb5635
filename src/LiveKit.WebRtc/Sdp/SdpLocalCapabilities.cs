using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sdp;

/// <summary>What this endpoint supports, for <see cref="SdpAnswerBuilder"/> to intersect with an offer.</summary>
public sealed record SdpLocalCapabilities
{
    /// <summary>Supported codecs, audio and video; include <see cref="SdpCodecCapability.VideoRtx"/> to accept retransmission.</summary>
    public IReadOnlyList<SdpCodecCapability> Codecs { get; init; } = Array.Empty<SdpCodecCapability>();

    /// <summary>Supported RTP header extension URIs (RFC 8285); offered ids are kept.</summary>
    public IReadOnlyList<string> HeaderExtensionUris { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Supported RTCP feedback, written as <c>type</c> or <c>type parameter</c> (e.g. <c>nack</c>, <c>nack pli</c>,
    /// <c>transport-cc</c>); null keeps every feedback line offered for an accepted payload type.
    /// </summary>
    public IReadOnlyList<string>? RtcpFeedback { get; init; }

    /// <summary>True to accept an <c>m=application</c> SCTP data channel section (RFC 8841).</summary>
    public bool DataChannels { get; init; } = true;
}
