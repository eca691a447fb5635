using System;

namespace LiveKit.WebRtc.Stun;

/// <summary>
/// When a STUN client over UDP retransmits a request and when it gives up (RFC 8489 §6.2.1): the first
/// retransmission after RTO, each later one after twice the previous wait, at most Rc requests in all, and failure
/// Rm × RTO after the last one. With the defaults (RTO 500 ms, Rc 7, Rm 16) requests leave at 0, 0.5, 1.5, 3.5, 7.5,
/// 15.5 and 31.5 s and the transaction fails at 39.5 s.
/// </summary>
internal sealed record StunRetransmission
{
    /// <summary>RFC 8489 §6.2.1: RTO SHOULD start at 500 ms for fixed-line access.</summary>
    public static readonly TimeSpan DefaultInitialTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>RFC 8489 §6.2.1: Rc SHOULD default to 7.</summary>
    public const int DefaultMaxRequests = 7;

    /// <summary>RFC 8489 §6.2.1: Rm SHOULD default to 16.</summary>
    public const int DefaultLastWaitMultiplier = 16;

    // Doubling stops here; no sane Rc comes close, but an overflowed TimeSpan must not come out of a bad setting.
    private const int MaxDoublings = 20;

    /// <summary>Creates a schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is zero or negative.</exception>
    public StunRetransmission(TimeSpan initialTimeout, int maxRequests, int lastWaitMultiplier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initialTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastWaitMultiplier, 1);
        InitialTimeout = initialTimeout;
        MaxRequests = maxRequests;
        LastWaitMultiplier = lastWaitMultiplier;
    }

    /// <summary>The schedule RFC 8489 §6.2.1 recommends: RTO 500 ms, Rc 7, Rm 16.</summary>
    public static StunRetransmission Default { get; } = new(DefaultInitialTimeout, DefaultMaxRequests, DefaultLastWaitMultiplier);

    /// <summary>RTO: the wait after the first transmission.</summary>
    public TimeSpan InitialTimeout { get; }

    /// <summary>Rc: how many times the request is sent, the first transmission included.</summary>
    public int MaxRequests { get; }

    /// <summary>Rm: the wait after the last transmission, in multiples of <see cref="InitialTimeout"/>.</summary>
    public int LastWaitMultiplier { get; }

    /// <summary>
    /// How long to wait after the request has been sent <paramref name="requestsSent"/> times (1 after the first
    /// transmission) before sending it again or, once <see cref="MaxRequests"/> have gone, failing the transaction.
    /// </summary>
    public TimeSpan WaitAfter(int requestsSent)
    {
        if (requestsSent >= MaxRequests)
        {
            return InitialTimeout * LastWaitMultiplier;
        }

        int doublings = Math.Clamp(requestsSent - 1, 0, MaxDoublings);
        return InitialTimeout * (1 << doublings);
    }

    /// <summary>True when a transaction sent <paramref name="requestsSent"/> times may be sent again.</summary>
    public bool MayRetransmit(int requestsSent) => requestsSent < MaxRequests;

    /// <summary>The time from the first transmission until the transaction fails without a response.</summary>
    public TimeSpan TransactionTimeout
    {
        get
        {
            TimeSpan total = TimeSpan.Zero;
            for (int sent = 1; sent <= MaxRequests; sent++)
            {
                total += WaitAfter(sent);
            }

            return total;
        }
    }
}
