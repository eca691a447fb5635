namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Serial number arithmetic (RFC 1982 §3.2) for 32-bit TSNs and 16-bit SSNs and stream reset sequence numbers, as
/// RFC 9260 §1.6 requires. Two numbers exactly half the space apart compare as neither less nor greater
/// (RFC 1982 leaves that case undefined).
/// </summary>
internal static class SctpSerial
{
    private const uint HalfUInt = 1u << 31;
    private const int HalfUShort = 1 << 15;

    /// <summary>True when <paramref name="a"/> precedes <paramref name="b"/>.</summary>
    public static bool IsLess(uint a, uint b) => (a < b && b - a < HalfUInt) || (a > b && a - b > HalfUInt);

    /// <summary>True when <paramref name="a"/> precedes or equals <paramref name="b"/>.</summary>
    public static bool IsLessOrEqual(uint a, uint b) => a == b || IsLess(a, b);

    /// <summary>True when <paramref name="a"/> follows <paramref name="b"/>.</summary>
    public static bool IsGreater(uint a, uint b) => IsLess(b, a);

    /// <summary>True when <paramref name="a"/> follows or equals <paramref name="b"/>.</summary>
    public static bool IsGreaterOrEqual(uint a, uint b) => a == b || IsLess(b, a);

    /// <summary>True when <paramref name="a"/> precedes <paramref name="b"/>.</summary>
    public static bool IsLess(ushort a, ushort b) => (a < b && b - a < HalfUShort) || (a > b && a - b > HalfUShort);

    /// <summary>True when <paramref name="a"/> precedes or equals <paramref name="b"/>.</summary>
    public static bool IsLessOrEqual(ushort a, ushort b) => a == b || IsLess(a, b);

    /// <summary>True when <paramref name="a"/> follows <paramref name="b"/>.</summary>
    public static bool IsGreater(ushort a, ushort b) => IsLess(b, a);

    /// <summary>True when <paramref name="a"/> follows or equals <paramref name="b"/>.</summary>
    public static bool IsGreaterOrEqual(ushort a, ushort b) => a == b || IsLess(b, a);
}
