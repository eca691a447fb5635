using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc;

/// <summary>
/// One 20 ms beat for every <see cref="AudioStream"/> of the process: each tick decodes the due slot of every stream,
/// one after the other on one thread-pool thread, then hands all the frames to their readers. A clock per stream would wake the pool once per stream per 20 ms
/// (and its workers spin after each wake-up): with 100 subscribed tracks that spinning cost more CPU than decoding.
/// Runs only while a stream is registered.
/// </summary>
/// <remarks>
/// Slots are counted against a monotonic clock, not by ticks: a tick that comes late (a stall, a busy machine) plays
/// the slots it missed, up to <see cref="MaxCatchUp"/>, so the playout keeps real time instead of drifting behind the
/// sender and filling the jitter buffers. A longer stall is skipped (the jitter buffers drop what grew too old).
/// </remarks>
internal sealed class AudioPlayoutClock
{
    // The playout step: LiveKit's Opus tracks send 20 ms packets.
    private static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(20);

    /// <summary>The clock that every stream of the process shares.</summary>
    public static AudioPlayoutClock Shared { get; } = new();

    // The most slots one tick plays for a stream after a late tick: 100 ms.
    private const int MaxCatchUp = 5;

    private readonly Lock _gate = new();
    private AudioStream[] _streams = Array.Empty<AudioStream>();
    private bool _running;

    /// <summary>Starts playing <paramref name="stream"/> at the next tick.</summary>
    public void Add(AudioStream stream)
    {
        lock (_gate)
        {
            _streams = [.. _streams, stream];
            if (!_running)
            {
                _running = true;
                _ = Task.Run(RunAsync);
            }
        }
    }

    /// <summary>Stops playing <paramref name="stream"/>; a tick under way may still play it once.</summary>
    public void Remove(AudioStream stream)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_streams, stream);
            if (index >= 0)
            {
                _streams = [.. _streams.AsSpan(0, index), .. _streams.AsSpan(index + 1)];
            }
        }
    }

    private async Task RunAsync()
    {
        // A periodic timer keeps the beat without allocating per tick.
        using var timer = new PeriodicTimer(Slot);
        long start = Stopwatch.GetTimestamp();
        long played = 0;
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            AudioStream[] streams;
            lock (_gate)
            {
                streams = _streams;
                if (streams.Length == 0)
                {
                    _running = false;
                    return;
                }
            }

            long due = Stopwatch.GetElapsedTime(start).Ticks / Slot.Ticks;
            played = Math.Max(played, due - MaxCatchUp);
            int slots = (int)(due - played);
            played = due;
            // Decode all, then deliver all: the readers wake together (see AudioStream.Deliver).
            foreach (AudioStream stream in streams)
            {
                stream.Decode(slots);
            }

            foreach (AudioStream stream in streams)
            {
                stream.Deliver();
            }
        }
    }
}
