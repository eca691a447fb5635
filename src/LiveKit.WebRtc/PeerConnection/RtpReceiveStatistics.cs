using System;
using LiveKit.WebRtc.Rtcp;

namespace LiveKit.WebRtc;

/// <summary>
/// What a receiver reports about one source (RFC 3550 §6.4.1): extended highest sequence number with wrap
/// counting (Appendix A.1, without probation: SRTP already authenticated the packet), cumulative and interval
/// loss (A.3), interarrival jitter (A.8) and the last sender report (LSR/DLSR). Not thread-safe: one receive path.
/// </summary>
internal sealed class RtpReceiveStatistics
{
    private const int SequenceModulus = 1 << 16;
    private const int MaxDropout = 3000;

    private readonly int _clockRate;
    private bool _started;
    private uint _baseSequence;
    private ushort _maxSequence;
    private uint _cycles;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private long _lastTransit;
    private uint _lastSenderReport;
    private long _lastSenderReportAt;

    public RtpReceiveStatistics(int clockRate) => _clockRate = clockRate > 0 ? clockRate : 90000;

    public long Received => _received;

    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>Counts one packet that arrived at <paramref name="arrival"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public void OnPacket(ushort sequence, uint rtpTimestamp, long arrival, long timestampFrequency)
    {
        if (!_started)
        {
            _started = true;
            _baseSequence = sequence;
            _maxSequence = sequence;
        }
        else
        {
            int delta = (ushort)(sequence - _maxSequence);
            if (delta != 0 && delta < MaxDropout)
            {
                if (sequence < _maxSequence)
                {
                    _cycles += SequenceModulus; // Wrapped (A.1).
                }

                _maxSequence = sequence;
            }
        }

        _received++;

        // A.8: transit time in RTP units; jitter is its smoothed absolute difference.
        long arrivalUnits = (long)((double)arrival / timestampFrequency * _clockRate);
        long transit = arrivalUnits - rtpTimestamp;
        if (_received > 1)
        {
            long d = Math.Abs(transit - _lastTransit);
            _jitter += (d - _jitter) / 16.0;
        }

        _lastTransit = transit;
    }

    /// <summary>Notes a sender report: its middle NTP bits become LSR (§6.4.1).</summary>
    public void OnSenderReport(ulong ntpTimestamp, long arrival)
    {
        _lastSenderReport = (uint)(ntpTimestamp >> 16);
        _lastSenderReportAt = arrival;
    }

    /// <summary>The report block for <paramref name="ssrc"/>, closing the current interval (A.3).</summary>
    public ReportBlock CreateReportBlock(uint ssrc, long now, long timestampFrequency)
    {
        long extendedMax = ExtendedHighestSequence;
        long expected = _started ? extendedMax - _baseSequence + 1 : 0;
        long lost = expected - _received;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);

        // DLSR in units of 1/65536 s (§6.4.1); zero when no SR was received.
        uint delay = _lastSenderReportAt == 0 ? 0 : (uint)((now - _lastSenderReportAt) * 65536 / timestampFrequency);
        return new ReportBlock
        {
            Ssrc = ssrc,
            FractionLost = fraction,
            CumulativeLost = (int)Math.Clamp(lost, ReportBlock.MinCumulativeLost, ReportBlock.MaxCumulativeLost),
            ExtendedHighestSequenceNumber = (uint)extendedMax,
            Jitter = (uint)_jitter,
            LastSenderReport = _lastSenderReport,
            DelaySinceLastSenderReport = delay,
        };
    }
}
