using System;

namespace LiveKit.WebRtc.Tests.Rtp;

/// <summary>Deterministic input generator: mutates valid seeds (bit flips, byte overwrites, truncation, growth) or makes random bytes.</summary>
internal sealed class MutationFuzzer
{
    public const int DefaultIterations = 200_000;
    public const int LongIterations = 1_000_000;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x02, 0x03, 0x0F, 0x10, 0x1F, 0x20, 0x7F, 0x80, 0x81, 0xBE, 0xDE, 0xC8, 0xC9, 0xCD, 0xCE, 0xFE, 0xFF];

    private readonly Random _random;
    private readonly byte[][] _seeds;
    private readonly byte[] _buffer = new byte[1600];

    public MutationFuzzer(int seed, params byte[][] seeds)
    {
        _random = new Random(seed);
        _seeds = seeds;
    }

    /// <summary>Feeds one input to the code under test; returns whether the parser accepted it.</summary>
    public delegate bool Target(ReadOnlySpan<byte> input);

    /// <summary>Runs <paramref name="iterations"/> inputs and returns how many were accepted.</summary>
    public int Run(int iterations, Target target)
    {
        int accepted = 0;
        for (int i = 0; i < iterations; i++)
        {
            if (target(Next()))
            {
                accepted++;
            }
        }

        return accepted;
    }

    public ReadOnlySpan<byte> Next()
    {
        if (_seeds.Length == 0 || _random.Next(10) == 0)
        {
            int length = _random.Next(0, 128);
            _random.NextBytes(_buffer.AsSpan(0, length));
            return _buffer.AsSpan(0, length);
        }

        byte[] seed = _seeds[_random.Next(_seeds.Length)];
        seed.CopyTo(_buffer, 0);
        int size = seed.Length;
        int mutations = 1 + _random.Next(4);
        for (int m = 0; m < mutations; m++)
        {
            switch (_random.Next(6))
            {
                case 0 when size > 0:
                    _buffer[_random.Next(size)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when size > 0:
                    _buffer[_random.Next(size)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                    break;
                case 2 when size > 0:
                    _buffer[_random.Next(size)] = (byte)_random.Next(256);
                    break;
                case 3:
                    size = _random.Next(size + 1);
                    break;
                case 4:
                    int grow = Math.Min(_random.Next(1, 64), _buffer.Length - size);
                    _random.NextBytes(_buffer.AsSpan(size, grow));
                    size += grow;
                    break;
                case 5 when size > 3:
                    // Length fields live in the first word of RTCP and in the extension header of RTP.
                    _buffer[_random.Next(4)] = (byte)_random.Next(256);
                    break;
            }
        }

        return _buffer.AsSpan(0, size);
    }
}
