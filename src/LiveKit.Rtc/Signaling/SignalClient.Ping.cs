using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;

namespace LiveKit.Rtc.Signaling;

internal sealed partial class SignalClient
{
    /// <summary>
    /// Starts the ping of brief §5.1, as the join response sets it: a <c>ping_req</c> every <c>ping_interval</c>
    /// seconds, and a <c>ping_timeout</c> timer that any incoming message re-arms. 0 turns either off. Under the lock.
    /// </summary>
    private void StartPing()
    {
        if (Join.PingTimeout > 0)
        {
            TimeSpan timeout = TimeSpan.FromSeconds(Join.PingTimeout);
            _pingTimeout = _time.CreateTimer(static state => ((SignalClient)state!).OnPingTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
        }

        if (Join.PingInterval > 0)
        {
            _pingLoop = Task.Run(() => PingLoopAsync(TimeSpan.FromSeconds(Join.PingInterval)));
        }
    }

    /// <summary>Something arrived: the connection is alive for another <c>ping_timeout</c>.</summary>
    private void RearmPingTimeout()
    {
        if (Join.PingTimeout > 0)
        {
            try
            {
                Volatile.Read(ref _pingTimeout)?.Change(TimeSpan.FromSeconds(Join.PingTimeout), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Stopped meanwhile. The system timer returns false then; other TimeProviders' timers may throw.
            }
        }
    }

    /// <summary>Stops the ping loop and the timeout timer; idempotent.</summary>
    private void StopPing()
    {
        try
        {
            _stopPing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already released.
        }

        Interlocked.Exchange(ref _pingTimeout, null)?.Dispose();
    }

    private void OnPingTimeout()
    {
        if (TryEnd(new SignalClosed(SignalCloseReason.PingTimeout)))
        {
            SignalLog.PingTimedOut(_logger, _endpoint, TimeSpan.FromSeconds(Join.PingTimeout));

            // The read loop fails on the aborted socket and reports the timeout.
            _socket.Abort();
        }
    }

    /// <summary>Sends ping_req {timestamp, last rtt} every <paramref name="interval"/> until stopped or closed. Never throws.</summary>
    private async Task PingLoopAsync(TimeSpan interval)
    {
        try
        {
            using var timer = new PeriodicTimer(interval, _time);
            while (await timer.WaitForNextTickAsync(_stopPing.Token).ConfigureAwait(false))
            {
                long rtt = Interlocked.Read(ref _roundTripMilliseconds);
                var ping = new Ping { Timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds(), Rtt = Math.Max(rtt, 0) };
                await SendAsync(new SignalRequest { PingReq = ping }, _stopPing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            // Stopped, or the connection is closed: whoever ended it reports.
        }
    }
}
