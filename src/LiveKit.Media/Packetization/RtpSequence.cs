namespace LiveKit.Media.Packetization;

/// <summary>
/// Wrap-aware arithmetic on 16-bit RTP sequence numbers (RFC 3550 §A.1; serial number arithmetic, RFC 1982).
/// LiveKit.Media has its own copy because it does not reference LiveKit.WebRtc (ARCHITECTURE.md).
/// </summary>
internal static class RtpSequence
{
    /// <summary>Signed distance from <paramref name="from"/> to <paramref name="to"/>, in -32768..32767.</summary>
    public static int Distance(ushort from, ushort to) => (short)(ushort)(to - from);
}
