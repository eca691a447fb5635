using System.Collections.Generic;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

/// <summary>
/// A pair of RTP sender and receiver sharing one media section (<c>m=</c> line) and mid (W3C WebRTC §5.4).
/// </summary>
public sealed class RtpTransceiver
{
    internal RtpTransceiver(MediaKind kind, SdpMediaDirection direction, IReadOnlyList<RtpCodec> codecs, RtpSender sender, RtpReceiver receiver)
    {
        Kind = kind;
        Direction = direction;
        Codecs = codecs;
        Sender = sender;
        Receiver = receiver;
    }

    /// <summary>The media section's mid, assigned when it first appears in an offer or answer; null before.</summary>
    public string? Mid { get; internal set; }

    /// <summary>Audio or video.</summary>
    public MediaKind Kind { get; }

    /// <summary>The preferred direction; takes effect at the next negotiation.</summary>
    public SdpMediaDirection Direction { get; set; }

    /// <summary>The negotiated direction, from our side; null before negotiation completes.</summary>
    public SdpMediaDirection? CurrentDirection { get; internal set; }

    /// <summary>The codecs this transceiver offers or accepts, in order of preference.</summary>
    public IReadOnlyList<RtpCodec> Codecs { get; }

    /// <summary>The sending half.</summary>
    public RtpSender Sender { get; }

    /// <summary>The receiving half.</summary>
    public RtpReceiver Receiver { get; }

    /// <summary>True when the section was rejected or stopped (port 0).</summary>
    public bool IsStopped { get; internal set; }

    /// <summary>The index of its media section in the session description, once assigned.</summary>
    internal int? MLineIndex { get; set; }

    /// <summary>The negotiated id of the <c>sdes:mid</c> header extension, or null.</summary>
    internal int? MidExtensionId { get; set; }

    /// <summary>The negotiated id of the <c>sdes:rtp-stream-id</c> header extension (RFC 8852), or null.</summary>
    internal int? RidExtensionId { get; set; }

    /// <summary>The negotiated id of the <c>sdes:repaired-rtp-stream-id</c> header extension (RFC 8852), or null.</summary>
    internal int? RepairedRidExtensionId { get; set; }

    /// <summary>The negotiated id of the <c>ssrc-audio-level</c> header extension, or null.</summary>
    public int? AudioLevelExtensionId { get; internal set; }

    /// <summary>A negotiation has bound a remote track to the receiver (so TrackReceived fired).</summary>
    internal bool HasRemoteTrack { get; set; }
}
