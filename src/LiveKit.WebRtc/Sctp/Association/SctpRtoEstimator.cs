using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// The retransmission timeout of RFC 9260 §6.3.1: a smoothed RTT and its variation from measurements, RTO = SRTT +
/// 4 × RTTVAR clamped to [min, max], doubled on each T3-rtx expiry (§6.3.3 E2) until the next measurement.
/// </summary>
/// <remarks>
/// The RFC's RTO.Initial and RTO.Min of 1 s are Internet-wide TCP-era values. A WebRTC path has just carried ICE and a
/// DTLS handshake, and a data channel stalled for a second per loss is visible to users, so the defaults in
/// <see cref="SctpAssociationOptions"/> follow Chromium's dcsctp instead: 500 ms initial and a floor a little above
/// the 200 ms delayed-SACK time (a lower floor would fire on every lone packet whose SACK the peer delays).
/// </remarks>
internal sealed class SctpRtoEstimator
{
    private readonly long _min;
    private readonly long _max;
    private long _srtt;
    private long _rttvar;
    private long _rto;
    private bool _measured;

    /// <summary>Starts with no measurement and RTO = <paramref name="initial"/>.</summary>
    public SctpRtoEstimator(TimeSpan initial, TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        _min = min.Ticks;
        _max = max.Ticks;
        _rto = Math.Clamp(initial.Ticks, _min, _max);
    }

    /// <summary>The current retransmission timeout, backoff included.</summary>
    public TimeSpan Rto => TimeSpan.FromTicks(_rto);

    /// <summary>The smoothed round-trip time, or null before the first measurement.</summary>
    public TimeSpan? SmoothedRtt => _measured ? TimeSpan.FromTicks(_srtt) : null;

    /// <summary>The round-trip time variation (RTTVAR).</summary>
    public TimeSpan RttVariation => TimeSpan.FromTicks(_rttvar);

    /// <summary>Takes one RTT measurement (rules C1 to C7); a negative one is ignored.</summary>
    public void AddMeasurement(TimeSpan rtt)
    {
        long r = rtt.Ticks;
        if (r < 0)
        {
            return;
        }

        if (!_measured)
        {
            // C1: the first measurement.
            _srtt = r;
            _rttvar = r / 2;
            _measured = true;
        }
        else
        {
            // C2 with RTO.Alpha = 1/8 and RTO.Beta = 1/4; RTTVAR first, from the old SRTT.
            _rttvar = _rttvar - (_rttvar / 4) + (Math.Abs(_srtt - r) / 4);
            _srtt = _srtt - (_srtt / 8) + (r / 8);
        }

        // C4: a variation of zero would make RTO = SRTT; use one clock tick (G) instead.
        if (_rttvar == 0)
        {
            _rttvar = 1;
        }

        // C3, C6, C7; a measurement also ends any backoff.
        _rto = Math.Clamp(_srtt + (4 * _rttvar), _min, _max);
    }

    /// <summary>Doubles the RTO after a retransmission timer expired, up to the maximum (§6.3.3 E2).</summary>
    public void BackOff() => _rto = Math.Min(_rto * 2, _max);
}
