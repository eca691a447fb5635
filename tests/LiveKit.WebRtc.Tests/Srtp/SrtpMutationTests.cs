using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Srtp;
using Xunit;
using static LiveKit.WebRtc.Tests.Srtp.SrtpTestData;

namespace LiveKit.WebRtc.Tests.Srtp;

/// <summary>
/// Seeded mutations of valid SRTP and SRTCP packets: Unprotect must answer with a status, never an exception, and no
/// mutated packet may authenticate. Half the inputs go to a receiver that already accepted the originals (replay path),
/// half to one that never did, so they reach the cipher.
/// </summary>
public class SrtpMutationTests
{
    private const int Seed = 3711;

    [Fact]
    public void Mutated_packets_never_throw() => Run(200_000);

    [Fact]
    [Trait("Category", "LongFuzz")]
    public void Mutated_packets_never_throw_long() => Run(1_000_000);

    private static void Run(int iterations)
    {
        var random = new Random(Seed);
        var contexts = new List<(SrtpContext Fresh, SrtpContext Seasoned, bool IsRtcp, byte[] Packet)>();
        foreach (SrtpProtectionProfile profile in new[] { SrtpProtectionProfile.Aes128CmHmacSha1_80, SrtpProtectionProfile.AeadAes128Gcm })
        {
            var (sender, fresh) = Pair(profile);
            var (spareSender, seasoned) = Pair(profile);
            spareSender.Dispose();
            for (int i = 0; i < 4; i++)
            {
                byte[] buffer = new byte[1500];
                int length = WriteRtp(buffer, (ushort)(65534 + i), 0xABCD0000u + (uint)i, 20 + (i * 300), withExtension: i % 2 == 1);
                Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, length, out int protectedLength));
                contexts.Add((fresh, seasoned, false, buffer.AsSpan(0, protectedLength).ToArray()));
                Assert.Equal(SrtpStatus.Ok, seasoned.UnprotectRtp(buffer.AsSpan(0, protectedLength).ToArray(), out _));

                length = WriteRtcp(buffer, 0xABCD0000u + (uint)i, (byte)i);
                Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(buffer, length, out protectedLength));
                contexts.Add((fresh, seasoned, true, buffer.AsSpan(0, protectedLength).ToArray()));
                Assert.Equal(SrtpStatus.Ok, seasoned.UnprotectRtcp(buffer.AsSpan(0, protectedLength).ToArray(), out _));
            }

            sender.Dispose();
        }

        byte[] work = new byte[1600];
        var counts = new int[Enum.GetValues<SrtpStatus>().Length];
        for (int n = 0; n < iterations; n++)
        {
            var (fresh, seasoned, isRtcp, packet) = contexts[random.Next(contexts.Count)];
            SrtpContext receiver = random.Next(2) == 0 ? fresh : seasoned;
            int length = Mutate(random, packet, work);
            Span<byte> input = work.AsSpan(0, length);

            SrtpStatus status = isRtcp ? receiver.UnprotectRtcp(input, out _) : receiver.UnprotectRtp(input, out _);

            Assert.True(Enum.IsDefined(status));
            counts[(int)status]++;
        }

        foreach (var (fresh, seasoned, _, _) in contexts)
        {
            fresh.Dispose();
            seasoned.Dispose();
        }

        Assert.Equal(0, counts[(int)SrtpStatus.Ok]);
        Assert.True(counts[(int)SrtpStatus.AuthenticationFailed] > iterations / 4, "most inputs should reach the cipher");
        Assert.True(counts[(int)SrtpStatus.Replayed] > 0);
        Assert.True(counts[(int)SrtpStatus.Malformed] > 0);
    }

    private static int Mutate(Random random, byte[] packet, byte[] work)
    {
        int length = MutateOnce(random, packet, work);

        // Two flips of one byte can cancel out; an unchanged packet would rightly authenticate.
        if (work.AsSpan(0, length).SequenceEqual(packet))
        {
            work[random.Next(length)] ^= 0xFF;
        }

        return length;
    }

    private static int MutateOnce(Random random, byte[] packet, byte[] work)
    {
        int length = packet.Length;
        packet.CopyTo(work, 0);
        switch (random.Next(5))
        {
            case 0:
                return random.Next(length);
            case 1:
                int extra = random.Next(1, 64);
                random.NextBytes(work.AsSpan(length, extra));
                return length + extra;
            case 2:
                // Header bytes only: version, CC, X, extension length, sequence, SSRC.
                int headerFlips = random.Next(1, 4);
                for (int i = 0; i < headerFlips; i++)
                {
                    work[random.Next(Math.Min(length, 20))] ^= (byte)random.Next(1, 256);
                }

                return length;
            case 3:
                // Trailer: tag and SRTCP index word.
                work[length - 1 - random.Next(Math.Min(length, 20))] ^= (byte)random.Next(1, 256);
                return length;
            default:
                int flips = random.Next(1, 8);
                for (int i = 0; i < flips; i++)
                {
                    work[random.Next(length)] ^= (byte)random.Next(1, 256);
                }

                return length;
        }
    }
}
