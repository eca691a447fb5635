using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// The deterministic test messages of the data channel tests, generated the same way in C# (here), Go
/// (tests/LiveKit.Interop.Tests/Pion/peer/gen.go) and JavaScript (Chromium/web/peer.js); the algorithm is described
/// once, in tests/LiveKit.Interop.Tests/DataChannels/README.md, and pinned by <see cref="MessageGeneratorPins"/>.
/// </summary>
/// <remarks>
/// Message <c>i</c> comes from a mulberry32 generator whose state starts at <c>Seed ^ (i * 0x9E3779B9)</c>: its first
/// output picks the size, <c>MinSize + output % (MaxSize - MinSize + 1)</c>; the following outputs are the bytes, four
/// per output, little-endian, the last output cut short. A tagged message then has its first four bytes replaced by
/// <c>i</c> (little-endian), so that the receiver of an unordered or lossy channel knows which message it holds. Every
/// message can be made or checked on its own, in any order.
/// </remarks>
public readonly record struct MessageShape
{
    /// <summary>mulberry32's increment, added to the state before every output.</summary>
    public const uint Mulberry32Increment = 0x6D2B79F5;

    /// <summary>Spreads message indices over the seed space (2^32 divided by the golden ratio).</summary>
    public const uint IndexMultiplier = 0x9E3779B9;

    /// <summary>Creates a shape; <paramref name="tagged"/> messages need <paramref name="minSize"/> of at least 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are not 1 &lt;= min &lt;= max, or a tagged min is below 4.</exception>
    public MessageShape(uint seed, int minSize, int maxSize, bool tagged = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSize, tagged ? 4 : 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, minSize);
        Seed = seed;
        MinSize = minSize;
        MaxSize = maxSize;
        Tagged = tagged;
    }

    /// <summary>The seed every message of the stream derives from.</summary>
    public uint Seed { get; }

    /// <summary>The smallest message size.</summary>
    public int MinSize { get; }

    /// <summary>The largest message size.</summary>
    public int MaxSize { get; }

    /// <summary>Whether each message carries its index in its first four bytes.</summary>
    public bool Tagged { get; }

    /// <summary>mulberry32: advances <paramref name="state"/> and returns the next output.</summary>
    public static uint Next(ref uint state)
    {
        state += Mulberry32Increment;
        uint t = state;
        t = (t ^ (t >> 15)) * (t | 1);
        t ^= t + ((t ^ (t >> 7)) * (t | 61));
        return t ^ (t >> 14);
    }

    /// <summary>The 32-bit FNV-1a hash of <paramref name="data"/>, the check value compared across languages.</summary>
    public static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        uint hash = 0x811C9DC5;
        foreach (byte b in data)
        {
            hash ^= b;
            hash *= 0x01000193;
        }

        return hash;
    }

    /// <summary>The size of message <paramref name="index"/>.</summary>
    public int SizeOf(uint index)
    {
        uint state = Seed ^ (index * IndexMultiplier);
        return PickSize(ref state);
    }

    /// <summary>Message <paramref name="index"/>, in a new array.</summary>
    public byte[] Create(uint index)
    {
        byte[] message = new byte[SizeOf(index)];
        Write(index, message);
        return message;
    }

    /// <summary>Writes message <paramref name="index"/> to the start of <paramref name="destination"/> and returns its size.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public int Write(uint index, Span<byte> destination)
    {
        uint state = Seed ^ (index * IndexMultiplier);
        int size = PickSize(ref state);
        if (destination.Length < size)
        {
            throw new ArgumentException($"Message {index} has {size} bytes; the destination holds {destination.Length}.", nameof(destination));
        }

        Span<byte> word = stackalloc byte[4];
        for (int i = 0; i < size; i += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(word, Next(ref state));
            word[..Math.Min(4, size - i)].CopyTo(destination[i..]);
        }

        if (Tagged)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, index);
        }

        return size;
    }

    /// <summary>Whether <paramref name="data"/> is message <paramref name="index"/>, without making it.</summary>
    public bool Matches(uint index, ReadOnlySpan<byte> data)
    {
        uint state = Seed ^ (index * IndexMultiplier);
        int size = PickSize(ref state);
        if (data.Length != size)
        {
            return false;
        }

        Span<byte> word = stackalloc byte[4];
        for (int i = 0; i < size; i += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(word, Next(ref state));
            if (Tagged && i == 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(word, index);
            }

            int n = Math.Min(4, size - i);
            if (!data.Slice(i, n).SequenceEqual(word[..n]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"seed {Seed}, {MinSize}..{MaxSize} bytes{(Tagged ? ", tagged" : "")}";

    private int PickSize(ref uint state) => MinSize + (int)(Next(ref state) % (uint)(MaxSize - MinSize + 1));
}
