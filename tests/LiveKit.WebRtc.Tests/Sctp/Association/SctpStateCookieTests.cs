using System;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpStateCookieTests
{
    private static readonly byte[] Key = new byte[SctpStateCookie.KeySize];
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    static SctpStateCookieTests() => new Random(3).NextBytes(Key);

    private static SctpStateCookie Sample(long createdAt) => new(
        createdAt, 0x11111111, 0x22222222, 1000, 2000, 131072, 1024, 2048, 0x33333333, 0x44444444, true, false);

    [Fact]
    public void A_cookie_reads_back_as_written()
    {
        byte[] bytes = new byte[SctpStateCookie.Size];
        Assert.True(Sample(500).TryWrite(bytes, Key));
        Assert.Equal(SctpCookieStatus.Valid, SctpStateCookie.Verify(bytes, Key, 1000, Lifetime, out SctpStateCookie cookie, out TimeSpan age));
        Assert.Equal(Sample(500), cookie);
        Assert.Equal(TimeSpan.FromTicks(500), age);
    }

    [Fact]
    public void Any_changed_bit_makes_it_forged()
    {
        byte[] bytes = new byte[SctpStateCookie.Size];
        Sample(0).TryWrite(bytes, Key);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte[] tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x04;
            Assert.Equal(SctpCookieStatus.Forged, SctpStateCookie.Verify(tampered, Key, 10, Lifetime, out _, out _));
        }
    }

    [Fact]
    public void Another_key_wrong_length_or_a_future_date_is_forged()
    {
        byte[] bytes = new byte[SctpStateCookie.Size];
        Sample(1000).TryWrite(bytes, Key);
        byte[] otherKey = (byte[])Key.Clone();
        otherKey[0] ^= 1;
        Assert.Equal(SctpCookieStatus.Forged, SctpStateCookie.Verify(bytes, otherKey, 2000, Lifetime, out _, out _));
        Assert.Equal(SctpCookieStatus.Forged, SctpStateCookie.Verify(bytes.AsSpan(1), Key, 2000, Lifetime, out _, out _));
        Assert.Equal(SctpCookieStatus.Forged, SctpStateCookie.Verify(bytes, Key, 999, Lifetime, out _, out _));
        Assert.False(Sample(0).TryWrite(new byte[SctpStateCookie.Size - 1], Key));
    }

    [Fact]
    public void A_cookie_older_than_its_lifetime_is_stale()
    {
        byte[] bytes = new byte[SctpStateCookie.Size];
        Sample(0).TryWrite(bytes, Key);
        Assert.Equal(SctpCookieStatus.Valid, SctpStateCookie.Verify(bytes, Key, Lifetime.Ticks, Lifetime, out _, out _));
        Assert.Equal(SctpCookieStatus.Stale, SctpStateCookie.Verify(bytes, Key, Lifetime.Ticks + 1, Lifetime, out _, out TimeSpan age));
        Assert.Equal(Lifetime + TimeSpan.FromTicks(1), age);
    }
}
