namespace LiveKit.WebRtc.Rtp;

// RFC 8852 §3, the RtpStreamId SDES item carried as an RTP header extension (one-byte form shown; the value is the
// rid-id as ASCII, 1 to 16 bytes in this form, and no terminator):
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ID   |  len  | RtpStreamId (rid-id, ASCII)                 ...
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>
/// The <c>sdes:rtp-stream-id</c> and <c>sdes:repaired-rtp-stream-id</c> header extensions (RFC 8852 §3): which
/// simulcast layer (rid, RFC 8851) a packet's SSRC carries, or which layer a repair stream (RTX) repairs.
/// </summary>
internal static class RtpStreamIdExtension
{
    /// <summary>URI negotiated in a=extmap for the rid of the stream itself (RFC 8852).</summary>
    public const string Uri = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

    /// <summary>URI negotiated in a=extmap for the rid a repair stream repairs (RFC 8852).</summary>
    public const string RepairedUri = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
}
