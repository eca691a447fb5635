namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// A sliding replay window over packet indices (RFC 3711 §3.3.2): bit n of the mask records whether index
/// (highest - n) was received. Checked before authentication, updated only after it succeeds.
/// </summary>
internal struct SrtpReplayWindow
{
    /// <summary>Window size in packets; RFC 3711 §3.3.2 requires at least 64.</summary>
    public const int Size = 64;

    private ulong _highest;
    private ulong _mask;
    private bool _any;

    /// <summary>Whether <paramref name="index"/> was already accepted or is too old to tell.</summary>
    public readonly bool IsReplayed(ulong index)
    {
        if (!_any || index > _highest)
        {
            return false;
        }

        ulong behind = _highest - index;
        if (behind >= Size)
        {
            return true;
        }

        return (_mask & (1UL << (int)behind)) != 0;
    }

    /// <summary>Records an authenticated <paramref name="index"/>.</summary>
    public void Accept(ulong index)
    {
        if (!_any)
        {
            _any = true;
            _highest = index;
            _mask = 1;
            return;
        }

        if (index > _highest)
        {
            ulong ahead = index - _highest;
            _mask = ahead >= Size ? 1 : (_mask << (int)ahead) | 1;
            _highest = index;
            return;
        }

        ulong behind = _highest - index;
        if (behind < Size)
        {
            _mask |= 1UL << (int)behind;
        }
    }
}
