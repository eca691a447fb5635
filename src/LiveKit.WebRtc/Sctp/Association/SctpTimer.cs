using System;
using System.Threading;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// One protocol timer (T1, T2, T3-rtx, ...) over a <see cref="TimeProvider"/> timer, created once and re-armed. The
/// owner's callback runs on the timer's thread and must take the owner's lock, then call <see cref="TryExpire"/>: a
/// timer stopped or re-armed after its callback was already on its way is then recognized as stale.
/// </summary>
internal sealed class SctpTimer : IDisposable
{
    private readonly ITimer _timer;
    private long _deadline;

    /// <summary>Creates the timer, not running; <paramref name="onTick"/> runs when it fires.</summary>
    public SctpTimer(TimeProvider timeProvider, Action onTick)
    {
        _timer = timeProvider.CreateTimer(static state => ((Action)state!)(), onTick, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True while armed.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Arms (or re-arms) the timer to expire <paramref name="after"/> from <paramref name="now"/> (ticks).</summary>
    public void Start(TimeSpan after, long now)
    {
        IsRunning = true;
        _deadline = now + after.Ticks;
        _timer.Change(after, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Arms the timer unless it is running already.</summary>
    public void EnsureRunning(TimeSpan after, long now)
    {
        if (!IsRunning)
        {
            Start(after, now);
        }
    }

    /// <summary>Disarms the timer.</summary>
    public void Stop()
    {
        if (IsRunning)
        {
            IsRunning = false;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Called (under the owner's lock) when the timer fired: true, and the timer is no longer running, when it really
    /// expired at <paramref name="now"/>; false for a stale firing (stopped, or re-armed to a later time, which is
    /// re-armed for what remains).
    /// </summary>
    public bool TryExpire(long now)
    {
        if (!IsRunning)
        {
            return false;
        }

        if (now < _deadline)
        {
            _timer.Change(TimeSpan.FromTicks(_deadline - now), Timeout.InfiniteTimeSpan);
            return false;
        }

        IsRunning = false;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        IsRunning = false;
        _timer.Dispose();
    }
}
