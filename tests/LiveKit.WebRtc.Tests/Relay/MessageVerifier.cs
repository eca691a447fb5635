using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// Checks received messages against a <see cref="MessageShape"/>, as the pion peer (verify.go) and the Chromium page
/// (peer.js) do: a tagged message names its index; an untagged one is expected to be the lowest index not received
/// yet, else it is looked for among the <see cref="SearchWindow"/> indices around it (to tell a late or repeated
/// message from a corrupt one). Each identified message is new or a duplicate; a new one is out of order when a higher
/// index arrived before it. One reader at a time.
/// </summary>
public sealed class MessageVerifier
{
    /// <summary>How far around the lowest missing index an unexpected untagged message is looked for.</summary>
    public const int SearchWindow = 64;

    private readonly bool[] _seen;
    private uint _lowest;
    private long _highest = -1;

    /// <summary>Expects messages 0 to <paramref name="count"/> - 1 of <paramref name="shape"/>.</summary>
    public MessageVerifier(MessageShape shape, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Shape = shape;
        Count = count;
        _seen = new bool[count];
    }

    /// <summary>The messages expected.</summary>
    public MessageShape Shape { get; }

    /// <summary>How many messages are expected.</summary>
    public int Count { get; }

    /// <summary>Messages received, whatever they were.</summary>
    public long Received { get; private set; }

    /// <summary>Bytes received.</summary>
    public long Bytes { get; private set; }

    /// <summary>Expected messages received at least once.</summary>
    public long Distinct { get; private set; }

    /// <summary>Messages that are no expected message (corrupt, or cut).</summary>
    public long Mismatches { get; private set; }

    /// <summary>New messages that arrived after one with a higher index.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Messages received again.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Messages beyond the expected count (tagged with a higher index, or after all were received).</summary>
    public long Unknown { get; private set; }

    /// <summary>A description of the first problem, or empty.</summary>
    public string FirstProblem { get; private set; } = "";

    /// <summary>Every expected message arrived exactly once, intact, in order, and nothing else did.</summary>
    public bool IsCompleteAndInOrder =>
        Distinct == Count && Received == Count && Mismatches == 0 && OutOfOrder == 0 && Duplicates == 0 && Unknown == 0;

    /// <summary>Checks one message; returns its index, or -1 when it is none of the expected ones.</summary>
    public long Accept(ReadOnlySpan<byte> data)
    {
        Received++;
        Bytes += data.Length;
        long index = Identify(data);
        if (index < 0)
        {
            return -1;
        }

        if (_seen[index])
        {
            Duplicates++;
            Problem($"message #{Received} is a repeat of index {index}");
            return index;
        }

        _seen[index] = true;
        Distinct++;
        if (index < _highest)
        {
            OutOfOrder++;
            Problem($"message #{Received} is index {index}, after index {_highest}");
        }
        else
        {
            _highest = index;
        }

        while (_lowest < Count && _seen[_lowest])
        {
            _lowest++;
        }

        return index;
    }

    /// <summary>What was received, as the peers report it.</summary>
    public MessageReport ToReport() =>
        new(Received, Bytes, Count, Distinct, Mismatches, OutOfOrder, Duplicates, Unknown, FirstProblem);

    /// <inheritdoc />
    public override string ToString() => ToReport().ToString();

    private long Identify(ReadOnlySpan<byte> data)
    {
        if (Shape.Tagged)
        {
            if (data.Length < 4)
            {
                Mismatches++;
                Problem($"message #{Received} has {data.Length} bytes, too few for a tag");
                return -1;
            }

            uint tag = BinaryPrimitives.ReadUInt32LittleEndian(data);
            if (tag >= Count)
            {
                Unknown++;
                Problem($"message #{Received} is tagged {tag}, beyond the {Count} expected");
                return -1;
            }

            if (!Shape.Matches(tag, data))
            {
                Mismatches++;
                Problem($"message #{Received}, tagged {tag}, differs from it ({data.Length} bytes, expected {Shape.SizeOf(tag)})");
                return -1;
            }

            return tag;
        }

        if (_lowest < Count && Shape.Matches(_lowest, data))
        {
            return _lowest;
        }

        for (uint j = _lowest + 1; j < Count && j <= _lowest + SearchWindow; j++)
        {
            if (Shape.Matches(j, data))
            {
                return j;
            }
        }

        for (uint d = 1; d <= SearchWindow && d <= _lowest; d++)
        {
            if (Shape.Matches(_lowest - d, data))
            {
                return _lowest - d;
            }
        }

        if (_lowest >= Count)
        {
            Unknown++;
            Problem($"message #{Received} ({data.Length} bytes) came after all {Count} expected");
            return -1;
        }

        Mismatches++;
        Problem($"message #{Received} ({data.Length} bytes) is not index {_lowest} ({Shape.SizeOf(_lowest)} bytes) nor one near it");
        return -1;
    }

    private void Problem(string text)
    {
        if (FirstProblem.Length == 0)
        {
            FirstProblem = text;
        }
    }
}
