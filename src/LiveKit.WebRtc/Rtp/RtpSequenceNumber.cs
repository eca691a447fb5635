using System;

namespace LiveKit.WebRtc.Rtp;

/// <summary>Wrap-aware arithmetic on 16-bit RTP sequence numbers (RFC 3550 §A.1, serial number arithmetic as in RFC 1982).</summary>
internal static class RtpSequenceNumber
{
    /// <summary>Signed distance from <paramref name="from"/> to <paramref name="to"/> in -32768..32767.</summary>
    public static int Distance(ushort from, ushort to) => (short)(ushort)(to - from);

    /// <summary>True when <paramref name="candidate"/> comes after <paramref name="reference"/>, allowing for wrap-around.</summary>
    public static bool IsNewer(ushort candidate, ushort reference) => Distance(reference, candidate) > 0;

    /// <summary>Orders two sequence numbers in wrap-aware order: negative when <paramref name="a"/> is older.</summary>
    public static int Compare(ushort a, ushort b) => Distance(b, a);
}
