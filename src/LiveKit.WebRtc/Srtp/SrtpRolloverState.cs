namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// The rollover counter (ROC) and highest sequence number of one SSRC (RFC 3711 §3.3.1), with the index estimate of
/// Appendix A. The sender runs the same estimate, so a resent or reordered sequence number keeps its original ROC.
/// </summary>
internal struct SrtpRolloverState
{
    private const uint SequenceSpace = 0x10000;
    private const uint HalfSequenceSpace = 0x8000;

    private uint _roc;
    private ushort _highestSequence;
    private bool _started;

    /// <summary>The current rollover counter.</summary>
    public readonly uint RolloverCounter => _roc;

    /// <summary>Sets the ROC and treats <paramref name="highestSequence"/> as the highest sequence number seen.</summary>
    public void Set(uint rolloverCounter, ushort highestSequence)
    {
        _roc = rolloverCounter;
        _highestSequence = highestSequence;
        _started = true;
    }

    /// <summary>
    /// Estimates the ROC v of a packet with <paramref name="sequence"/> (RFC 3711 Appendix A) and returns the
    /// 48-bit packet index i = 2^16 * v + SEQ. The first packet of an SSRC has ROC 0 (§3.3.1).
    /// </summary>
    public readonly ulong EstimateIndex(ushort sequence, out uint rolloverCounter)
    {
        long v = _roc;
        if (_started)
        {
            if (_highestSequence < HalfSequenceSpace)
            {
                if (sequence - _highestSequence > HalfSequenceSpace)
                {
                    v = _roc - 1L;
                }
            }
            else if (_highestSequence - HalfSequenceSpace > sequence)
            {
                v = _roc + 1L;
            }
        }

        // Before the first wrap there is no previous ROC; an old packet then keeps ROC 0 and the replay window judges it.
        if (v < 0)
        {
            v = 0;
        }
        else if (v > uint.MaxValue)
        {
            // The 48-bit index space is used up; the session must have been rekeyed long before (RFC 3711 §9.2).
            v = uint.MaxValue;
        }

        rolloverCounter = (uint)v;
        return ((ulong)rolloverCounter * SequenceSpace) + sequence;
    }

    /// <summary>Commits a packet index after the packet was authenticated (or, for the sender, protected).</summary>
    public void Update(ushort sequence, uint rolloverCounter)
    {
        if (!_started || rolloverCounter > _roc || (rolloverCounter == _roc && sequence > _highestSequence))
        {
            _roc = rolloverCounter;
            _highestSequence = sequence;
            _started = true;
        }
    }
}
