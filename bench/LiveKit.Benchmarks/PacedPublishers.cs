using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// Audio publishers paced by one timer: on each tick every sender sends one Opus-like packet (a fixed payload, the
/// timestamp advanced by the tick's share of 48 kHz, an RFC 6464 level). A late tick is not made up (PeriodicTimer
/// skips missed ticks), so the rate is at most the one asked; <see cref="PacketsSent"/> counts what was actually sent.
/// </summary>
internal sealed class PacedPublishers : IDisposable
{
    private const int ClockRate = 48000;
    private const byte AudioLevel = 90; // RFC 6464: no voice activity, -90 dBov, so no speaker changes to announce

    private readonly IReadOnlyList<RtpSender> _senders;
    private readonly byte[] _payload;
    private readonly uint _timestampStep;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _packetsSent;

    /// <summary>Starts sending <paramref name="packetsPerSecond"/> packets of <paramref name="payloadLength"/> octets per sender.</summary>
    public PacedPublishers(IReadOnlyList<RtpSender> senders, int packetsPerSecond, int payloadLength)
    {
        _senders = senders;
        _payload = new byte[payloadLength];
        new Random(11).NextBytes(_payload);
        _timestampStep = (uint)(ClockRate / packetsPerSecond);
        _loop = Task.Run(() => SendAsync(TimeSpan.FromSeconds(1.0 / packetsPerSecond)));
    }

    /// <summary>Packets sent so far, all senders together.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Stops sending and waits for the loop to end.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task SendAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        uint timestamp = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                timestamp += _timestampStep;
                foreach (RtpSender sender in _senders)
                {
                    if (sender.SendRtp(_payload, timestamp, marker: false, AudioLevel))
                    {
                        Interlocked.Increment(ref _packetsSent);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
