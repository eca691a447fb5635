using System;

namespace LiveKit.WebRtc.Rtcp;

/// <summary>
/// The report blocks of an SR or RR: either parsed bytes (read lazily) or blocks supplied for building.
/// </summary>
internal readonly ref struct ReportBlockList
{
    private readonly ReadOnlySpan<byte> _raw;
    private readonly ReadOnlySpan<ReportBlock> _blocks;
    private readonly bool _isRaw;

    private ReportBlockList(ReadOnlySpan<byte> raw, ReadOnlySpan<ReportBlock> blocks, bool isRaw)
    {
        _raw = raw;
        _blocks = blocks;
        _isRaw = isRaw;
    }

    /// <summary>Number of blocks.</summary>
    public int Count => _isRaw ? _raw.Length / ReportBlock.Length : _blocks.Length;

    /// <summary>Reads block <paramref name="index"/>.</summary>
    public ReportBlock this[int index]
    {
        get
        {
            if (!_isRaw)
            {
                return _blocks[index];
            }

            ReportBlock.TryParse(_raw.Slice(index * ReportBlock.Length, ReportBlock.Length), out ReportBlock block);
            return block;
        }
    }

    /// <summary>Wraps parsed bytes, whose length is a multiple of <see cref="ReportBlock.Length"/>.</summary>
    public static ReportBlockList FromBytes(ReadOnlySpan<byte> raw) => new(raw, default, isRaw: true);

    /// <summary>Wraps blocks to be written.</summary>
    public static ReportBlockList FromBlocks(ReadOnlySpan<ReportBlock> blocks) => new(default, blocks, isRaw: false);

    /// <summary>Writes all blocks back to back.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (_isRaw)
        {
            return _raw.TryCopyTo(destination);
        }

        for (int i = 0; i < _blocks.Length; i++)
        {
            if (!_blocks[i].TryWrite(destination[(i * ReportBlock.Length)..], out _))
            {
                return false;
            }
        }

        return true;
    }
}
