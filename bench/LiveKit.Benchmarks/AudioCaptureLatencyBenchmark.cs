using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Media.Audio;
using LiveKit.Rtc;
using LiveKit.Testing;

namespace LiveKit.Benchmarks;

/// <summary>
/// How long <see cref="AudioSource.CaptureFrameAsync"/> takes when the queue has room: each call timed with
/// <see cref="Stopwatch.GetTimestamp"/> around it, p50/p99/p99.9/max over many calls, against a baseline timed the same
/// way in the same run: copying the same samples into an array (<see cref="Span{T}.CopyTo"/> into a ring the size of
/// the queue). Not a BenchmarkDotNet suite: a tail needs every call's time, not means of batches.
/// <list type="number">
/// <item><b>Uncontended</b>: each capture followed by <c>AudioSource.TryRead</c> of the same 10 ms on the same
/// thread: the queue is never full and no other thread takes the lock; the bytes this thread allocates are exact.</item>
/// <item><b>Contended</b>: a 48 kHz mono source with the default 1 s queue; a consumer thread drains it with
/// <c>AudioSource.TryRead</c> (20 ms at a time, as the track's sender does, but as fast as it can, spinning when the
/// queue is empty: the lock is as contended as it gets), while this thread captures 10 ms frames
/// (<c>--calls</c>, 1,000,000 by default). A call that finds the queue full (its ValueTask not complete) is not a
/// "queue has room" call: it is counted apart and waited for. Bytes allocated on the capturing thread are read around
/// the loop.</item>
/// <item><b>Published track</b>: a source published as a <see cref="LocalAudioTrack"/> by a <see cref="Room"/> on the
/// in-process test server, its real sender draining 20 ms every 20 ms, captured 10 ms at a time on a 10 ms
/// <see cref="PeriodicTimer"/> (real time: the queue holds 0-20 ms, never full) for <c>--seconds</c> (30 by default):
/// the latency an application sees in a process that also runs the network, the sender's encoder and the server.</item>
/// </list>
/// Run (build Release first): <c>dotnet bench/LiveKit.Benchmarks/bin/Release/net10.0/LiveKit.Benchmarks.dll audio-capture-latency [--calls 1000000] [--seconds 30]</c>.
/// </summary>
internal static class AudioCaptureLatencyBenchmark
{
    /// <summary>The command-line verb that selects this benchmark.</summary>
    public const string Verb = "audio-capture-latency";

    private const int Rate = 48_000;
    private const int FrameSamples = Rate / 100; // 10 ms, mono

    /// <summary>Runs both parts with <paramref name="args"/> and prints their tables.</summary>
    public static int Run(string[] args)
    {
        int calls = 1_000_000;
        int seconds = 30;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--calls" when int.TryParse(value, CultureInfo.InvariantCulture, out calls) && calls > 0:
                case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds >= 0:
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"{Verb}: unexpected '{args[i]}' (options: --calls <count> --seconds <published-track seconds, 0 to skip>)");
                    return 2;
            }
        }

        Console.WriteLine($"{Verb}: {calls:N0} contended calls, {seconds} s on a published track; Stopwatch frequency {Stopwatch.Frequency:N0}/s");
        Console.WriteLine();
        Console.WriteLine("| Variant | Calls timed | p50 | p99 | p99.9 | max | Queue full (not timed) | Allocated per call | Gen0 GCs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(MeasureCopyBaseline(calls));
        Console.WriteLine(MeasureUncontended(calls));
        Console.WriteLine(MeasureContended(calls));
        Console.WriteLine(MeasureCopyBaseline(calls));
        if (seconds > 0)
        {
            Console.WriteLine(MeasurePublishedAsync(TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult());
        }

        return 0;
    }

    /// <summary>The baseline: the frame's samples copied into a ring array, timed per call as the captures are.</summary>
    private static string MeasureCopyBaseline(int calls)
    {
        using AudioFrame frame = CreateFrame();
        short[] ring = new short[Rate]; // 1 s, the source's default queue
        long[] times = new long[calls];
        int position = 0;
        int gcs = GC.CollectionCount(0);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            frame.Data.CopyTo(ring.AsSpan(position));
            long end = Stopwatch.GetTimestamp();
            times[i] = end - start;
            position = (position + FrameSamples) % ring.Length;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return Row("Baseline: copy into an array", times, calls, 0, (double)allocated / calls, GC.CollectionCount(0) - gcs);
    }

    /// <summary>Capture then take the same 10 ms back on this thread: never full, no other thread; allocations exact.</summary>
    private static string MeasureUncontended(int calls)
    {
        using var source = new AudioSource(Rate, 1);
        using AudioFrame frame = CreateFrame();
        short[] step = new short[FrameSamples];
        long[] times = new long[calls];
        int gcs = GC.CollectionCount(0);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            ValueTask capture = source.CaptureFrameAsync(frame);
            long end = Stopwatch.GetTimestamp();
            if (!capture.IsCompletedSuccessfully || !source.TryRead(step))
            {
                throw new InvalidOperationException("A capture into an empty queue did not complete at once.");
            }

            times[i] = end - start;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return Row("CaptureFrameAsync, then TryRead on the same thread (no contention)", times, calls, 0, (double)allocated / calls, GC.CollectionCount(0) - gcs);
    }

    private static string MeasureContended(int calls)
    {
        using var source = new AudioSource(Rate, 1);
        using AudioFrame frame = CreateFrame();
        var stop = 0;
        var consumer = new Thread(() =>
        {
            short[] step = new short[2 * FrameSamples];
            var spin = new SpinWait();
            while (Volatile.Read(ref stop) == 0)
            {
                if (source.TryRead(step))
                {
                    spin.Reset();
                }
                else
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }
        })
        { IsBackground = true, Name = "drain" };
        consumer.Start();

        long[] times = new long[calls];
        int timed = 0;
        int full = 0;
        int gcs = GC.CollectionCount(0);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            ValueTask capture = source.CaptureFrameAsync(frame);
            long end = Stopwatch.GetTimestamp();
            if (capture.IsCompletedSuccessfully)
            {
                times[timed++] = end - start;
            }
            else
            {
                full++;
                capture.AsTask().GetAwaiter().GetResult();
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Volatile.Write(ref stop, 1);
        consumer.Join();

        // A wait allocates (its task); per call only when no call waited, otherwise it is not the queue-has-room cost.
        double perCall = full == 0 ? (double)allocated / calls : double.NaN;
        return Row("CaptureFrameAsync, consumer thread draining (TryRead)", times, timed, full, perCall, GC.CollectionCount(0) - gcs);
    }

    private static async Task<string> MeasurePublishedAsync(TimeSpan duration)
    {
        await using LiveKitTestServer server = await LiveKitTestServer.StartAsync();
        await using var room = new Room();
        await room.ConnectAsync(server.Url.ToString(), server.CreateToken("speaker", "capture-latency"), new RoomOptions());
        using var source = new AudioSource(Rate, 1);
        var track = LocalAudioTrack.Create("voice", source);
        await room.LocalParticipant!.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone });
        using AudioFrame frame = CreateFrame();

        int expected = (int)(duration.TotalMilliseconds / 10);
        long[] times = new long[expected + 1000];
        int timed = 0;
        int full = 0;
        int gcs = GC.CollectionCount(0);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && timed < times.Length && await timer.WaitForNextTickAsync())
        {
            long start = Stopwatch.GetTimestamp();
            ValueTask capture = source.CaptureFrameAsync(frame);
            long end = Stopwatch.GetTimestamp();
            if (capture.IsCompletedSuccessfully)
            {
                times[timed++] = end - start;
            }
            else
            {
                full++;
                await capture;
            }
        }

        return Row($"CaptureFrameAsync on a published track, 10 ms frames in real time ({duration.TotalSeconds:0} s)", times, timed, full, double.NaN, GC.CollectionCount(0) - gcs);
    }

    /// <summary>10 ms of a 440 Hz tone at 48 kHz mono.</summary>
    private static AudioFrame CreateFrame()
    {
        AudioFrame frame = AudioFrame.Create(Rate, 1, FrameSamples);
        Span<short> data = frame.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (short)(8_000 * Math.Sin(2 * Math.PI * 440 * i / Rate));
        }

        return frame;
    }

    private static string Row(string variant, long[] times, int count, int full, double allocatedPerCall, int gcs)
    {
        Array.Sort(times, 0, count);
        string allocated = double.IsNaN(allocatedPerCall) ? "n/a" : $"{allocatedPerCall:0.###} B";
        return $"| {variant} | {count:N0} | {Format(Percentile(times, count, 0.50))} | {Format(Percentile(times, count, 0.99))} | " +
            $"{Format(Percentile(times, count, 0.999))} | {Format(count == 0 ? 0 : times[count - 1])} | {full:N0} | {allocated} | {gcs} |";
    }

    private static long Percentile(long[] sorted, int count, double fraction) =>
        count == 0 ? 0 : sorted[Math.Min(count - 1, (int)Math.Ceiling(fraction * count) - 1)];

    private static string Format(long ticks)
    {
        double ns = ticks * 1e9 / Stopwatch.Frequency;
        return ns < 10_000
            ? ns.ToString("0", CultureInfo.InvariantCulture) + " ns"
            : (ns / 1e6).ToString("0.000", CultureInfo.InvariantCulture) + " ms";
    }
}
