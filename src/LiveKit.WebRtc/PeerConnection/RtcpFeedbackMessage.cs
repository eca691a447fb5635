using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc;

/// <summary>The kind of feedback a media receiver sent about one of our streams.</summary>
public enum RtcpFeedbackKind
{
    /// <summary>Picture loss indication (RFC 4585 §6.3.1): send a key frame.</summary>
    PictureLoss,

    /// <summary>Full intra request (RFC 5104 §4.3.1): send a key frame now.</summary>
    FullIntraRequest,

    /// <summary>Generic NACK (RFC 4585 §6.2.1): these sequence numbers were lost; retransmit what you can.</summary>
    Nack,
}

/// <summary>RTCP feedback addressed to a sender's SSRC.</summary>
/// <param name="Kind">PLI, FIR or NACK.</param>
/// <param name="MediaSsrc">The SSRC the feedback is about (the sender's).</param>
/// <param name="LostSequenceNumbers">For NACK, the lost sequence numbers; empty otherwise.</param>
public sealed record RtcpFeedbackMessage(RtcpFeedbackKind Kind, uint MediaSsrc, IReadOnlyList<ushort> LostSequenceNumbers)
{
    /// <summary>A PLI or FIR, which carries no sequence numbers.</summary>
    internal static RtcpFeedbackMessage KeyFrameRequest(RtcpFeedbackKind kind, uint mediaSsrc) => new(kind, mediaSsrc, Array.Empty<ushort>());
}
