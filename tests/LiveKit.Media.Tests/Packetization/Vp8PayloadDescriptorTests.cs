using System;
using System.Collections.Generic;
using LiveKit.Media.Packetization;
using Xunit;

namespace LiveKit.Media.Tests.Packetization;

public class Vp8PayloadDescriptorTests
{
    /// <summary>Every combination of the optional fields (I with M=0/M=1, L, T, K), with N, S and PID varied too.</summary>
    public static IEnumerable<object[]> AllFieldCombinations()
    {
        for (int flags = 0; flags < 32; flags++)
        {
            yield return new object[] { flags };
        }
    }

    private static Vp8PayloadDescriptor Combination(int flags) => new()
    {
        NonReference = (flags & 0x3) == 1,
        StartOfPartition = (flags & 0x5) != 0,
        PartitionIndex = (byte)(flags % 8),
        HasPictureId = (flags & 0x1) != 0,
        IsLongPictureId = (flags & 0x1) != 0 && (flags & 0x2) != 0,
        PictureId = (flags & 0x1) == 0 ? (ushort)0 : (flags & 0x2) != 0 ? (ushort)0x5A3C : (ushort)0x5A,
        HasTl0PicIdx = (flags & 0x4) != 0,
        Tl0PicIdx = (flags & 0x4) != 0 ? (byte)0xC3 : (byte)0,
        HasTemporalLayer = (flags & 0x8) != 0,
        TemporalLayerId = (flags & 0x8) != 0 ? (byte)2 : (byte)0,
        LayerSync = (flags & 0x8) != 0,
        HasKeyIndex = (flags & 0x10) != 0,
        KeyIndex = (flags & 0x10) != 0 ? (byte)0x15 : (byte)0,
    };

    private static int ExpectedLength(int flags)
    {
        bool extended = (flags & (0x1 | 0x4 | 0x8 | 0x10)) != 0;
        if (!extended)
        {
            return 1;
        }

        int length = 2;
        length += (flags & 0x1) == 0 ? 0 : (flags & 0x2) != 0 ? 2 : 1;
        length += (flags & 0x4) != 0 ? 1 : 0;
        length += (flags & 0x18) != 0 ? 1 : 0;
        return length;
    }

    [Theory]
    [MemberData(nameof(AllFieldCombinations))]
    public void Every_field_combination_writes_and_parses_back(int flags)
    {
        Vp8PayloadDescriptor descriptor = Combination(flags);
        byte[] payload = new byte[Vp8PayloadDescriptor.MaxLength + 3];
        payload.AsSpan().Fill(0xEE);

        Assert.True(descriptor.TryWrite(payload, out int written));
        Assert.Equal(ExpectedLength(flags), written);
        Assert.Equal(written, descriptor.Length);

        Assert.True(Vp8PayloadDescriptor.TryParse(payload, out Vp8PayloadDescriptor parsed, out int headerLength));
        Assert.Equal(written, headerLength);
        Assert.Equal(descriptor, parsed);
        Assert.Equal(0xEE, payload[headerLength]);
    }

    [Theory]
    [MemberData(nameof(AllFieldCombinations))]
    public void Every_truncation_of_every_combination_is_refused(int flags)
    {
        Vp8PayloadDescriptor descriptor = Combination(flags);
        byte[] payload = new byte[Vp8PayloadDescriptor.MaxLength];
        Assert.True(descriptor.TryWrite(payload, out int written));

        for (int length = 0; length < written; length++)
        {
            Assert.False(Vp8PayloadDescriptor.TryParse(payload.AsSpan(0, length), out Vp8PayloadDescriptor parsed, out int headerLength));
            Assert.Equal(default, parsed);
            Assert.Equal(0, headerLength);
        }

        Assert.False(descriptor.TryWrite(new byte[written - 1], out int none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void A_7_bit_PictureID_takes_one_byte_and_a_15_bit_one_two()
    {
        // X=1, S=1 | I=1 | M=0, PictureID 0x7F | data
        Assert.True(Vp8PayloadDescriptor.TryParse([0x90, 0x80, 0x7F, 0xAA], out Vp8PayloadDescriptor shortId, out int shortLength));
        Assert.Equal(3, shortLength);
        Assert.True(shortId.HasPictureId);
        Assert.False(shortId.IsLongPictureId);
        Assert.Equal(0x7F, shortId.PictureId);

        // X=1, S=1 | I=1 | M=1, PictureID 0x1234 over two bytes | data
        Assert.True(Vp8PayloadDescriptor.TryParse([0x90, 0x80, 0x92, 0x34, 0xAA], out Vp8PayloadDescriptor longId, out int longLength));
        Assert.Equal(4, longLength);
        Assert.True(longId.IsLongPictureId);
        Assert.Equal(0x1234, longId.PictureId);
        Assert.True(longId.StartOfPartition);
        Assert.True(longId.IsStartOfFrame);
    }

    [Fact]
    public void Known_bytes_with_every_optional_field_parse_to_their_values()
    {
        // X=1 N=1 S=1 PID=3 | I L T K | M=1 PictureID 0x7FFF | TL0PICIDX 0x42 | TID=3 Y=1 KEYIDX=31
        byte[] payload = [0xB3, 0xF0, 0xFF, 0xFF, 0x42, 0xFF, 0x00];
        Assert.True(Vp8PayloadDescriptor.TryParse(payload, out Vp8PayloadDescriptor d, out int length));

        Assert.Equal(6, length);
        Assert.True(d.NonReference);
        Assert.True(d.StartOfPartition);
        Assert.Equal(3, d.PartitionIndex);
        Assert.False(d.IsStartOfFrame);
        Assert.Equal(Vp8PayloadDescriptor.MaxLongPictureId, d.PictureId);
        Assert.Equal(0x42, d.Tl0PicIdx);
        Assert.True(d.HasTemporalLayer);
        Assert.Equal(3, d.TemporalLayerId);
        Assert.True(d.LayerSync);
        Assert.True(d.HasKeyIndex);
        Assert.Equal(31, d.KeyIndex);
    }

    [Fact]
    public void Reserved_bits_are_ignored_and_the_T_K_byte_fields_only_count_when_announced()
    {
        // R bits set in the first byte (0x40, 0x08) and RSV bits set in the X byte (0x0F): ignored (RFC 7741 §4.2).
        // K=1 without T: TID and Y bits of the T/K byte are not taken.
        Assert.True(Vp8PayloadDescriptor.TryParse([0xD8, 0x1F, 0xE7, 0x01], out Vp8PayloadDescriptor d, out int length));

        Assert.Equal(3, length);
        Assert.False(d.NonReference);
        Assert.True(d.StartOfPartition);
        Assert.Equal(0, d.PartitionIndex);
        Assert.False(d.HasPictureId);
        Assert.False(d.HasTemporalLayer);
        Assert.Equal(0, d.TemporalLayerId);
        Assert.False(d.LayerSync);
        Assert.True(d.HasKeyIndex);
        Assert.Equal(7, d.KeyIndex);
    }

    [Fact]
    public void An_X_byte_without_fields_is_two_bytes_and_a_plain_descriptor_one()
    {
        Assert.True(Vp8PayloadDescriptor.TryParse([0x80, 0x00, 0x01], out Vp8PayloadDescriptor extended, out int extendedLength));
        Assert.Equal(2, extendedLength);
        Assert.Equal(new Vp8PayloadDescriptor(), extended);

        Assert.True(Vp8PayloadDescriptor.TryParse([0x10, 0x01], out Vp8PayloadDescriptor plain, out int plainLength));
        Assert.Equal(1, plainLength);
        Assert.True(plain.IsStartOfFrame);
        Assert.Equal(1, plain.Length);
    }

    [Fact]
    public void Writing_a_field_out_of_range_says_which()
    {
        byte[] buffer = new byte[Vp8PayloadDescriptor.MaxLength];
        Assert.Contains("7 bits", Assert.Throws<InvalidOperationException>(() =>
            new Vp8PayloadDescriptor { HasPictureId = true, PictureId = 128 }.TryWrite(buffer, out _)).Message);
        Assert.Contains("15 bits", Assert.Throws<InvalidOperationException>(() =>
            new Vp8PayloadDescriptor { HasPictureId = true, IsLongPictureId = true, PictureId = 0x8000 }.TryWrite(buffer, out _)).Message);
        Assert.Contains("PartitionIndex", Assert.Throws<InvalidOperationException>(() =>
            new Vp8PayloadDescriptor { PartitionIndex = 8 }.TryWrite(buffer, out _)).Message);
        Assert.Contains("TID", Assert.Throws<InvalidOperationException>(() =>
            new Vp8PayloadDescriptor { HasTemporalLayer = true, TemporalLayerId = 4 }.TryWrite(buffer, out _)).Message);
        Assert.Contains("KEYIDX", Assert.Throws<InvalidOperationException>(() =>
            new Vp8PayloadDescriptor { HasKeyIndex = true, KeyIndex = 32 }.TryWrite(buffer, out _)).Message);
    }

    [Fact]
    public void Parsing_100k_mutated_and_random_payloads_never_throws_and_what_parses_writes_back_the_same()
    {
        var random = new Random(7741);
        byte[] buffer = new byte[16];
        byte[] rewritten = new byte[Vp8PayloadDescriptor.MaxLength];
        int parsedCount = 0;
        for (int iteration = 0; iteration < 100_000; iteration++)
        {
            int length;
            if (iteration % 4 == 0)
            {
                // Pure random bytes of random length (0 to 16).
                length = random.Next(0, buffer.Length + 1);
                random.NextBytes(buffer.AsSpan(0, length));
            }
            else
            {
                // A valid descriptor, then mutated: bit flips, a random byte, and a random truncation or extension.
                Combination(random.Next(32)).TryWrite(buffer, out int written);
                random.NextBytes(buffer.AsSpan(written));
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    buffer[random.Next(Vp8PayloadDescriptor.MaxLength)] ^= (byte)(1 << random.Next(8));
                }

                if (random.Next(3) == 0)
                {
                    buffer[random.Next(Vp8PayloadDescriptor.MaxLength)] = (byte)random.Next(256);
                }

                length = Math.Clamp(written + random.Next(-3, 4), 0, buffer.Length);
            }

            ReadOnlySpan<byte> payload = buffer.AsSpan(0, length);
            if (!Vp8PayloadDescriptor.TryParse(payload, out Vp8PayloadDescriptor descriptor, out int headerLength))
            {
                Assert.Equal(0, headerLength);
                continue;
            }

            parsedCount++;
            Assert.InRange(headerLength, 1, Math.Min(length, Vp8PayloadDescriptor.MaxLength));
            Assert.True(descriptor.Length <= headerLength);
            Assert.True(descriptor.TryWrite(rewritten, out int rewrittenLength));
            Assert.True(Vp8PayloadDescriptor.TryParse(rewritten.AsSpan(0, rewrittenLength), out Vp8PayloadDescriptor again, out _));
            Assert.Equal(descriptor, again);
        }

        Assert.InRange(parsedCount, 50_000, 100_000);
    }
}
