using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Congestion control of one path (RFC 9260 §7.2): the congestion window and slow-start threshold, slow start and
/// congestion avoidance with partial_bytes_acked, Fast Recovery and the reaction to a T3-rtx expiry. Sizes are in
/// bytes of DATA chunks as sent (header included), as the flight size is counted.
/// </summary>
internal sealed class SctpCongestionController
{
    private readonly int _mtu;

    /// <summary>Starts slow start with the initial window of §7.2.1 and ssthresh = the peer's advertised window.</summary>
    public SctpCongestionController(int mtu, int initialSsthresh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 256);
        _mtu = mtu;
        Cwnd = InitialWindow(mtu);
        Ssthresh = Math.Max(initialSsthresh, 4 * mtu);
    }

    /// <summary>The congestion window.</summary>
    public int Cwnd { get; private set; }

    /// <summary>The slow-start threshold.</summary>
    public int Ssthresh { get; private set; }

    /// <summary>Bytes acknowledged in congestion avoidance since the window last grew (§7.2.2).</summary>
    public int PartialBytesAcked { get; private set; }

    /// <summary>True between a fast retransmit and the acknowledgement of <see cref="FastRecoveryExitPoint"/> (§7.2.4).</summary>
    public bool InFastRecovery { get; private set; }

    /// <summary>The highest TSN outstanding when Fast Recovery began; meaningful only in Fast Recovery.</summary>
    public uint FastRecoveryExitPoint { get; private set; }

    /// <summary>The initial window: min(4 × MTU, max(2 × MTU, 4404)) (§7.2.1).</summary>
    public static int InitialWindow(int mtu) => Math.Min(4 * mtu, Math.Max(2 * mtu, 4404));

    /// <summary>
    /// A SACK acknowledged <paramref name="bytesAcked"/> new bytes; <paramref name="flightBefore"/> were outstanding
    /// when it arrived. Grows the window by slow start or congestion avoidance, and leaves Fast Recovery once
    /// <paramref name="cumulativeTsn"/> reaches the exit point.
    /// </summary>
    public void OnSack(uint cumulativeTsn, bool cumulativeAdvanced, int bytesAcked, int flightBefore, int flightAfter)
    {
        if (InFastRecovery && SctpSerial.IsGreaterOrEqual(cumulativeTsn, FastRecoveryExitPoint))
        {
            InFastRecovery = false;
        }

        // The window only grows when it was in use: an application that sends little must not inflate it.
        bool fullyUtilized = flightBefore >= Cwnd;
        if (Cwnd <= Ssthresh)
        {
            // Slow start (§7.2.1), L = 1: at most one MTU per SACK.
            if (cumulativeAdvanced && fullyUtilized && !InFastRecovery && bytesAcked > 0)
            {
                Cwnd += Math.Min(bytesAcked, _mtu);
            }
        }
        else if (bytesAcked > 0)
        {
            // Congestion avoidance (§7.2.2): one MTU per window's worth of acknowledged bytes, when the window was full.
            PartialBytesAcked += bytesAcked;
            if (PartialBytesAcked >= Cwnd)
            {
                if (fullyUtilized)
                {
                    PartialBytesAcked -= Cwnd;
                    if (!InFastRecovery)
                    {
                        Cwnd += _mtu;
                    }
                }
                else
                {
                    PartialBytesAcked = Cwnd;
                }
            }
        }

        if (flightAfter == 0)
        {
            PartialBytesAcked = 0;
        }
    }

    /// <summary>
    /// A TSN got its third miss indication (§7.2.4 step 3). Outside Fast Recovery: halves the window and enters Fast
    /// Recovery until <paramref name="highestOutstandingTsn"/> is acknowledged, returning true; inside, changes nothing.
    /// </summary>
    public bool OnFastRetransmit(uint highestOutstandingTsn)
    {
        if (InFastRecovery)
        {
            return false;
        }

        Ssthresh = Math.Max(Cwnd / 2, 4 * _mtu);
        Cwnd = Ssthresh;
        PartialBytesAcked = 0;
        InFastRecovery = true;
        FastRecoveryExitPoint = highestOutstandingTsn;
        return true;
    }

    /// <summary>T3-rtx expired (§7.2.3): ssthresh = max(cwnd / 2, 4 × MTU), cwnd = one MTU; Fast Recovery ends.</summary>
    public void OnRetransmissionTimeout()
    {
        Ssthresh = Math.Max(Cwnd / 2, 4 * _mtu);
        Cwnd = _mtu;
        PartialBytesAcked = 0;
        InFastRecovery = false;
    }

    /// <summary>
    /// No data was sent for an RTO (§7.2.1): cwnd = max(cwnd / 2, 4 × MTU), but never more than it was; the window
    /// of an idle sender must not vouch for a path it has not probed lately.
    /// </summary>
    public void OnIdle() => Cwnd = Math.Min(Cwnd, Math.Max(Cwnd / 2, 4 * _mtu));
}
