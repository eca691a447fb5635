using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// The receiver's record of TSNs (RFC 9260 §6.2): the cumulative TSN, the received ranges above it as the SACK's gap
/// blocks, and the duplicates to report. A FORWARD TSN moves the cumulative TSN on as if the skipped TSNs had arrived
/// (RFC 3758 §3.6).
/// </summary>
/// <remarks>
/// Ranges are kept sorted in two parallel arrays; in-order arrival touches only the cumulative TSN and an arrival
/// just above the last range only that range, so the usual cost is constant.
/// </remarks>
internal sealed class SctpReceivedTsnTracker
{
    /// <summary>Gap blocks carry 16-bit offsets from the cumulative TSN, so nothing further can be acknowledged.</summary>
    public const uint MaxOffset = ushort.MaxValue;

    private readonly int _maxRanges;
    private readonly int _maxDuplicates;
    private readonly uint[] _duplicates;
    private uint[] _starts = new uint[16];
    private uint[] _ends = new uint[16];
    private int _rangeCount;
    private int _duplicateCount;

    /// <summary>Starts with nothing received: the cumulative TSN is the peer's initial TSN minus one.</summary>
    public SctpReceivedTsnTracker(uint peerInitialTsn, int maxRanges = 4096, int maxDuplicates = 32)
    {
        CumulativeTsn = peerInitialTsn - 1;
        HighestReceived = CumulativeTsn;
        _maxRanges = maxRanges;
        _maxDuplicates = maxDuplicates;
        _duplicates = new uint[maxDuplicates];
    }

    /// <summary>The highest TSN such that it and every TSN before it were received (or skipped).</summary>
    public uint CumulativeTsn { get; private set; }

    /// <summary>The highest TSN received so far (§6.2: with no buffer space, DATA above it is dropped).</summary>
    public uint HighestReceived { get; private set; }

    /// <summary>True when some TSN above <see cref="CumulativeTsn"/> has arrived, so a SACK carries gap blocks.</summary>
    public bool HasGaps => _rangeCount > 0;

    /// <summary>The number of gap blocks.</summary>
    public int GapBlockCount => _rangeCount;

    /// <summary>Duplicates received since <see cref="ClearDuplicates"/>, at most the configured number.</summary>
    public ReadOnlySpan<uint> Duplicates => _duplicates.AsSpan(0, _duplicateCount);

    /// <summary>The <paramref name="index"/>th gap block as offsets from <see cref="CumulativeTsn"/> (RFC 9260 §3.3.4).</summary>
    public (ushort Start, ushort End) GetGapBlock(int index) =>
        ((ushort)(_starts[index] - CumulativeTsn), (ushort)(_ends[index] - CumulativeTsn));

    /// <summary>True when <paramref name="tsn"/> was received (or skipped) already.</summary>
    public bool Contains(uint tsn)
    {
        if (SctpSerial.IsLessOrEqual(tsn, CumulativeTsn))
        {
            return true;
        }

        int index = FindRange(tsn);
        return index < _rangeCount && SctpSerial.IsGreaterOrEqual(tsn, _starts[index]);
    }

    /// <summary>Records an arriving TSN, or a duplicate of one.</summary>
    public SctpTsnArrival Observe(uint tsn)
    {
        uint offset = tsn - CumulativeTsn;
        if (offset == 0 || offset > int.MaxValue)
        {
            AddDuplicate(tsn);
            return SctpTsnArrival.Duplicate;
        }

        if (offset > MaxOffset)
        {
            return SctpTsnArrival.OutOfWindow;
        }

        if (offset == 1)
        {
            CumulativeTsn = tsn;
            if (SctpSerial.IsGreater(tsn, HighestReceived))
            {
                HighestReceived = tsn;
            }

            // The first range may now join the cumulative TSN.
            if (_rangeCount > 0 && _starts[0] == CumulativeTsn + 1)
            {
                CumulativeTsn = _ends[0];
                RemoveRanges(0, 1);
            }

            return SctpTsnArrival.New;
        }

        // The common out-of-order case: at or just past the end of the last range.
        if (_rangeCount > 0 && SctpSerial.IsGreater(tsn, _ends[_rangeCount - 1]))
        {
            if (tsn == _ends[_rangeCount - 1] + 1)
            {
                _ends[_rangeCount - 1] = tsn;
            }
            else if (!InsertRange(_rangeCount, tsn))
            {
                return SctpTsnArrival.OutOfWindow;
            }

            HighestReceived = tsn;
            return SctpTsnArrival.New;
        }

        int index = FindRange(tsn);
        if (index < _rangeCount && SctpSerial.IsGreaterOrEqual(tsn, _starts[index]))
        {
            AddDuplicate(tsn);
            return SctpTsnArrival.Duplicate;
        }

        // tsn lies before range[index] (or after all ranges) and after range[index - 1].
        bool joinsPrevious = index > 0 && _ends[index - 1] + 1 == tsn;
        bool joinsNext = index < _rangeCount && _starts[index] == tsn + 1;
        if (joinsPrevious && joinsNext)
        {
            _ends[index - 1] = _ends[index];
            RemoveRanges(index, 1);
        }
        else if (joinsPrevious)
        {
            _ends[index - 1] = tsn;
        }
        else if (joinsNext)
        {
            _starts[index] = tsn;
        }
        else if (!InsertRange(index, tsn))
        {
            return SctpTsnArrival.OutOfWindow;
        }

        if (SctpSerial.IsGreater(tsn, HighestReceived))
        {
            HighestReceived = tsn;
        }

        return SctpTsnArrival.New;
    }

    /// <summary>
    /// A FORWARD TSN (RFC 3758 §3.6): every TSN up to <paramref name="newCumulativeTsn"/> counts as received. Returns
    /// false (and changes nothing) when it is not ahead of <see cref="CumulativeTsn"/>.
    /// </summary>
    public bool ForwardTo(uint newCumulativeTsn)
    {
        if (!SctpSerial.IsGreater(newCumulativeTsn, CumulativeTsn))
        {
            return false;
        }

        CumulativeTsn = newCumulativeTsn;
        if (SctpSerial.IsGreater(newCumulativeTsn, HighestReceived))
        {
            HighestReceived = newCumulativeTsn;
        }

        // Drop the ranges now covered; a range it reaches into, or one that touches it, extends it.
        int covered = 0;
        while (covered < _rangeCount && SctpSerial.IsLessOrEqual(_starts[covered], CumulativeTsn + 1))
        {
            if (SctpSerial.IsGreater(_ends[covered], CumulativeTsn))
            {
                CumulativeTsn = _ends[covered];
            }

            covered++;
        }

        RemoveRanges(0, covered);
        return true;
    }

    /// <summary>Forgets the duplicates, once a SACK has reported them.</summary>
    public void ClearDuplicates() => _duplicateCount = 0;

    private void AddDuplicate(uint tsn)
    {
        if (_duplicateCount < _maxDuplicates)
        {
            _duplicates[_duplicateCount++] = tsn;
        }
    }

    // The first range whose end is at or after tsn, or _rangeCount.
    private int FindRange(uint tsn)
    {
        int low = 0;
        int high = _rangeCount;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (SctpSerial.IsLess(_ends[mid], tsn))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private bool InsertRange(int index, uint tsn)
    {
        if (_rangeCount == _maxRanges)
        {
            return false;
        }

        if (_rangeCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        Array.Copy(_starts, index, _starts, index + 1, _rangeCount - index);
        Array.Copy(_ends, index, _ends, index + 1, _rangeCount - index);
        _starts[index] = tsn;
        _ends[index] = tsn;
        _rangeCount++;
        return true;
    }

    private void RemoveRanges(int index, int count)
    {
        if (count == 0)
        {
            return;
        }

        Array.Copy(_starts, index + count, _starts, index, _rangeCount - index - count);
        Array.Copy(_ends, index + count, _ends, index, _rangeCount - index - count);
        _rangeCount -= count;
    }
}
