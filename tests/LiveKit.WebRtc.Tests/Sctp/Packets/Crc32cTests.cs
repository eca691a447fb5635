using System;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Packets;

public class Crc32cTests
{
    // RFC 3720 Appendix B.4, the iSCSI CRC32c examples, as the CRC value (the RFC lists the same bytes LSB first).
    [Fact]
    public void Rfc3720_thirty_two_zero_bytes() => Assert.Equal(0x8A9136AAu, Crc32c.Compute(new byte[32]));

    [Fact]
    public void Rfc3720_thirty_two_ff_bytes() => Assert.Equal(0x62A8AB43u, Crc32c.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));

    [Fact]
    public void Rfc3720_incrementing_bytes() =>
        Assert.Equal(0x46DD794Eu, Crc32c.Compute(Enumerable.Range(0, 32).Select(static i => (byte)i).ToArray()));

    [Fact]
    public void Rfc3720_decrementing_bytes() =>
        Assert.Equal(0x113FDB5Cu, Crc32c.Compute(Enumerable.Range(0, 32).Select(static i => (byte)(31 - i)).ToArray()));

    [Fact]
    public void Check_value_of_the_nine_digits() => Assert.Equal(0xE3069283u, Crc32c.Compute("123456789"u8));

    [Fact]
    public void Empty_input_is_zero() => Assert.Equal(0u, Crc32c.Compute([]));

    [Fact]
    public void Every_length_and_alignment_matches_a_bitwise_reference()
    {
        // Exercises the eight-byte path, the byte tail and odd starting offsets.
        var random = new Random(9260);
        byte[] data = new byte[300];
        random.NextBytes(data);
        for (int start = 0; start < 9; start++)
        {
            for (int length = 0; length <= data.Length - start; length += 1 + (length / 16))
            {
                ReadOnlySpan<byte> slice = data.AsSpan(start, length);
                Assert.Equal(BitwiseReference(slice), Crc32c.Compute(slice));
            }
        }
    }

    [Fact]
    public void Update_in_pieces_equals_compute_in_one()
    {
        byte[] data = Enumerable.Range(0, 100).Select(static i => (byte)(i * 7)).ToArray();
        uint state = Crc32c.Update(Crc32c.InitialState, data.AsSpan(0, 13));
        state = Crc32c.Update(state, data.AsSpan(13, 50));
        state = Crc32c.Update(state, data.AsSpan(63));
        Assert.Equal(Crc32c.Compute(data), ~state);
    }

    private static uint BitwiseReference(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
            }
        }

        return ~crc;
    }
}
