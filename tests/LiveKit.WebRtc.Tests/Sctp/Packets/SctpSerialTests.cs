using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

/// <summary>RFC 1982 serial number arithmetic for TSNs (32 bits) and SSNs (16 bits).</summary>
public class SctpSerialTests
{
    [Theory]
    [InlineData(1u, 2u, true)]
    [InlineData(2u, 1u, false)]
    [InlineData(5u, 5u, false)]
    [InlineData(0xFFFFFFFFu, 0u, true)] // wraps
    [InlineData(0u, 0xFFFFFFFFu, false)]
    [InlineData(0u, 0x7FFFFFFFu, true)]
    [InlineData(0x7FFFFFFFu, 0u, false)]
    [InlineData(0u, 0x80000000u, false)] // exactly half apart: undefined, neither is less
    [InlineData(0x80000000u, 0u, false)]
    [InlineData(0xFFFFFFF0u, 0x10u, true)]
    public void Tsn_is_less(uint a, uint b, bool expected)
    {
        Assert.Equal(expected, SctpSerial.IsLess(a, b));
        Assert.Equal(expected || a == b, SctpSerial.IsLessOrEqual(a, b));
        Assert.Equal(expected, SctpSerial.IsGreater(b, a));
        Assert.Equal(expected || a == b, SctpSerial.IsGreaterOrEqual(b, a));
    }

    [Theory]
    [InlineData((ushort)1, (ushort)2, true)]
    [InlineData((ushort)2, (ushort)1, false)]
    [InlineData((ushort)7, (ushort)7, false)]
    [InlineData((ushort)65535, (ushort)0, true)]
    [InlineData((ushort)0, (ushort)65535, false)]
    [InlineData((ushort)0, (ushort)32767, true)]
    [InlineData((ushort)0, (ushort)32768, false)]
    [InlineData((ushort)32768, (ushort)0, false)]
    public void Ssn_is_less(ushort a, ushort b, bool expected)
    {
        Assert.Equal(expected, SctpSerial.IsLess(a, b));
        Assert.Equal(expected || a == b, SctpSerial.IsLessOrEqual(a, b));
        Assert.Equal(expected, SctpSerial.IsGreater(b, a));
        Assert.Equal(expected || a == b, SctpSerial.IsGreaterOrEqual(b, a));
    }
}
