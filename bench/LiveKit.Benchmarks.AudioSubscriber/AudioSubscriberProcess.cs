using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Rtc;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// The subscriber of the <c>audio-subscribe</c> benchmark (AudioSubscriberBenchmark in LiveKit.Benchmarks), alone in its
/// own process, started by it as <c>dotnet LiveKit.Benchmarks.dll audio-subscriber ...</c> (the JIT) or, with its
/// <c>--subscriber</c> option, as the Native AOT executable of LiveKit.Benchmarks.AudioSubscriber (the same code, linked
/// into both programs): one <see cref="Room"/> that subscribes to
/// <c>--tracks</c> audio tracks and reads each on its own task, as an application does, so that this process's CPU
/// time, allocations and resident memory are the subscriber's and nothing else's.
/// <list type="bullet">
/// <item><c>--mode frames</c> (the benchmark): an <see cref="AudioStream"/> per track (<c>--rate</c>, mono, default
/// capacity), read with <c>await foreach</c>; each frame disposed and counted.</item>
/// <item><c>--alloc-sources true</c>: samples allocations by type (<see cref="AudioAllocationSampler"/>); a diagnostic run, under the JIT only (the Native AOT build has no EventSource).</item>
/// <item><c>--mode packets</c> (for the breakdown): each track's RTP packets read straight from its receiver and
/// disposed, no decoding: what the transport (UDP, SRTP, RTCP, signaling, the receive queue) costs without
/// AudioStream.</item>
/// </list>
/// Once every track has delivered, after <c>--warmup</c> seconds, each of <c>--windows</c> windows of <c>--window</c>
/// seconds reads at its start and end this process's CPU time (<see cref="ProcessCpuTime"/>, /proc/self/stat),
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> (precise), the GC counts and the frames (or packets) read; at its end
/// <see cref="AudioProcessMemory"/> (/proc/self/status). Prints a markdown table.
/// </summary>
internal static class AudioSubscriberProcess
{
    /// <summary>The command-line verb that runs the subscriber.</summary>
    public const string Verb = "audio-subscriber";

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Runs with <paramref name="args"/> (<c>--url --token --tracks --rate --mode --warmup --window --windows</c>).</summary>
    public static int Run(string[] args)
    {
        string? url = null;
        string? token = null;
        int tracks = 1;
        int rate = 48_000;
        bool frames = true;
        int warmUp = 10;
        int window = 10;
        int windows = 3;
        bool allocationSources = false;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            bool ok = args[i] switch
            {
                "--url" => (url = value) is not null,
                "--token" => (token = value) is not null,
                "--tracks" => int.TryParse(value, CultureInfo.InvariantCulture, out tracks) && tracks >= 0,
                "--rate" => int.TryParse(value, CultureInfo.InvariantCulture, out rate),
                "--mode" => SetMode(value, out frames),
                "--warmup" => int.TryParse(value, CultureInfo.InvariantCulture, out warmUp) && warmUp >= 0,
                "--window" => int.TryParse(value, CultureInfo.InvariantCulture, out window) && window > 0,
                "--windows" => int.TryParse(value, CultureInfo.InvariantCulture, out windows) && windows > 0,
                "--alloc-sources" => bool.TryParse(value, out allocationSources),
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"{Verb}: bad option '{args[i]} {value}'");
                return 2;
            }
        }

        if (url is null || token is null || args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"{Verb}: --url and --token are required (options come in pairs)");
            return 2;
        }

        int status = RunAsync(url, token, tracks, rate, frames, TimeSpan.FromSeconds(warmUp), TimeSpan.FromSeconds(window), windows, allocationSources).GetAwaiter().GetResult();
        Console.Out.Flush();
        return status;
    }

    private static async Task<int> RunAsync(
        string url, string token, int trackCount, int rate, bool frames, TimeSpan warmUp, TimeSpan window, int windowCount, bool allocationSources)
    {
        using AudioAllocationSampler? sampler = allocationSources ? new AudioAllocationSampler() : null;
        string what = frames ? "frames" : "packets";
        Console.WriteLine($"subscriber: pid {Environment.ProcessId}, {trackCount} tracks read as {(frames ? $"AudioStream frames ({rate} Hz mono)" : "RTP packets (no decoding)")}, " +
            $"{warmUp.TotalSeconds:0} s warm-up, {windowCount} windows of {window.TotalSeconds:0} s; CPU clock tick {ProcessCpuTime.Resolution.TotalMilliseconds:0} ms; " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC");

        // A Native AOT build leaves EventSource out (EventSourceSupport is false there): the sampler would hear nothing.
        if (allocationSources && AppContext.TryGetSwitch("System.Diagnostics.Tracing.EventSource.IsSupported", out bool eventSources) && !eventSources)
        {
            Console.WriteLine("subscriber: --alloc-sources needs EventSource support, which this build leaves out (Native AOT): no allocation samples");
        }

        long[] counts = new long[trackCount];
        var gate = new Lock();
        var streams = new List<AudioStream>();
        var receivers = new List<RtpReceiver>();
        var readers = new List<Task>();
        var allSubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var room = new Room();
        room.On(RoomEvent.TrackSubscribed, (Track track, RemoteTrackPublication publication, RemoteParticipant participant) =>
        {
            if (track is not RemoteAudioTrack remote)
            {
                return;
            }

            lock (gate)
            {
                int index = receivers.Count;
                if (index >= trackCount)
                {
                    return;
                }

                receivers.Add(remote.Transceiver.Receiver);
                if (frames)
                {
                    var stream = new AudioStream(remote, rate, 1);
                    streams.Add(stream);
                    readers.Add(Task.Run(() => ReadFramesAsync(stream, counts, index)));
                }
                else
                {
                    RtpReceiver receiver = remote.Transceiver.Receiver;
                    readers.Add(Task.Run(() => ReadPacketsAsync(receiver, counts, index)));
                }

                if (index + 1 == trackCount)
                {
                    allSubscribed.TrySetResult();
                }
            }
        });

        var setup = Stopwatch.StartNew();
        await room.ConnectAsync(url, token, new RoomOptions());
        if (trackCount == 0)
        {
            allSubscribed.TrySetResult();
        }

        await allSubscribed.Task.WaitAsync(SetupTimeout);
        while (counts.Any(c => c == 0))
        {
            if (setup.Elapsed > SetupTimeout)
            {
                throw new TimeoutException($"{counts.Count(c => c == 0)} of {trackCount} tracks delivered nothing within {SetupTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }

        Console.WriteLine($"subscriber: all {trackCount} tracks delivering after {setup.Elapsed.TotalSeconds:0.0} s; warming up");
        await Task.Delay(warmUp);
        if (sampler is not null)
        {
            sampler.Counting = true;
        }

        var results = new List<Window>();
        for (int w = 0; w < windowCount; w++)
        {
            Window result = await MeasureAsync(counts, receivers, window);
            results.Add(result);
            Console.WriteLine($"subscriber: window {w + 1}: {result.Elapsed.TotalSeconds:0.00} s, {result.Items:N0} {what}, CPU {result.Cpu.TotalMilliseconds:0} ms, " +
                $"{result.Allocated:N0} B allocated, VmRSS {AudioProcessMemory.Megabytes(result.Memory.RssBytes)}");
        }

        long dropped;
        long concealed;
        lock (gate)
        {
            dropped = streams.Sum(s => s.FramesDropped);
            concealed = streams.Sum(s => s.FramesConcealed);
        }

        long packetsDropped = receivers.Sum(r => r.PacketsDropped);
        GCMemoryInfo gc = GC.GetGCMemoryInfo();
        AudioProcessMemory memory = AudioProcessMemory.ReadCurrent();

        Console.WriteLine();
        Console.WriteLine($"| Window | {what} read | per track per second | CPU | share of one core | CPU per {what[..^1]} | allocated | bytes per {what[..^1]} | GCs (gen0/1/2) | VmRSS |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < results.Count; i++)
        {
            Window r = results[i];
            Console.WriteLine($"| {i + 1} | {r.Items:N0} | {r.Items / r.Elapsed.TotalSeconds / Math.Max(1, trackCount):0.0} | {r.Cpu.TotalMilliseconds:0} ms | " +
                $"**{r.CpuShare:P2}** | {Microseconds(r.Items == 0 ? TimeSpan.Zero : r.Cpu / r.Items)} µs | {r.Allocated:N0} B | " +
                $"**{(r.Items == 0 ? 0 : (double)r.Allocated / r.Items):0.0}** | {r.Gen0}/{r.Gen1}/{r.Gen2} | {AudioProcessMemory.Megabytes(r.Memory.RssBytes)} |");
        }

        Console.WriteLine();
        double cpuShare = results.Sum(r => r.Cpu.TotalSeconds) / results.Sum(r => r.Elapsed.TotalSeconds);
        double bytesPerItem = (double)results.Sum(r => r.Allocated) / Math.Max(1, results.Sum(r => r.Items));
        Console.WriteLine($"subscriber summary: {trackCount} tracks, {what}: CPU {cpuShare:P2} of one core over {results.Sum(r => r.Elapsed.TotalSeconds):0} s, " +
            $"{bytesPerItem:0.0} B allocated per {what[..^1]}; frames dropped {dropped}, concealed {concealed}; receive-queue drops {packetsDropped}");
        Console.WriteLine($"subscriber memory: VmRSS {AudioProcessMemory.Megabytes(memory.RssBytes)} (peak {AudioProcessMemory.Megabytes(memory.PeakRssBytes)}; " +
            $"anonymous {AudioProcessMemory.Megabytes(memory.AnonymousBytes)}, file-backed {AudioProcessMemory.Megabytes(memory.FileBytes)}); " +
            $"managed heap {AudioProcessMemory.Megabytes(GC.GetTotalMemory(forceFullCollection: false))}" +
            (gc.Index > 0 ? $", GC committed {AudioProcessMemory.Megabytes(gc.TotalCommittedBytes)} at the last GC" : ", no GC yet") +
            $"; {Process.GetCurrentProcess().Threads.Count} threads");
        if (sampler is not null)
        {
            sampler.Counting = false;
            Console.WriteLine("subscriber allocation samples (GCAllocationTick, ~100 KB each) by type: " +
                string.Join(", ", sampler.Largest(15).Select(t => $"{t.Type} {t.Share:P1}")));
        }

        Console.WriteLine("subscriber largest mappings (Rss): " +
            string.Join(", ", AudioProcessMemory.LargestMappings(12).Select(m => $"{System.IO.Path.GetFileName(m.Mapping)} {AudioProcessMemory.Megabytes(m.RssBytes)}")));

        List<AudioStream> toDispose;
        lock (gate)
        {
            toDispose = new List<AudioStream>(streams);
        }

        foreach (AudioStream stream in toDispose)
        {
            await stream.DisposeAsync();
        }

        await room.DisconnectAsync();
        return 0;
    }

    private static bool SetMode(string value, out bool frames)
    {
        frames = value == "frames";
        return value is "frames" or "packets";
    }

    private static async Task ReadFramesAsync(AudioStream stream, long[] counts, int index)
    {
        await foreach (AudioFrameEvent e in stream)
        {
            e.Frame.Dispose();
            Volatile.Write(ref counts[index], counts[index] + 1);
        }
    }

    // No cancellation token: with one, each wait of a bounded channel allocates its waiter (see AudioStream's loop);
    // without, the channel reuses one, so the bytes counted here are the transport's. Ends when the connection closes.
    private static async Task ReadPacketsAsync(RtpReceiver receiver, long[] counts, int index)
    {
        ChannelReader<ReceivedRtpPacket> packets = receiver.Packets;
        while (await packets.WaitToReadAsync())
        {
            while (packets.TryRead(out ReceivedRtpPacket? packet))
            {
                packet.Dispose();
                Volatile.Write(ref counts[index], counts[index] + 1);
            }
        }
    }

    private static async Task<Window> MeasureAsync(long[] counts, IReadOnlyList<RtpReceiver> receivers, TimeSpan window)
    {
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long items = Sum(counts);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = ProcessCpuTime.ReadCurrent();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        TimeSpan cpuAfter = ProcessCpuTime.ReadCurrent();
        TimeSpan elapsed = clock.Elapsed;
        long allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        long itemsAfter = Sum(counts);
        return new Window(
            elapsed, cpuAfter - cpu, itemsAfter - items, allocatedAfter - allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            AudioProcessMemory.ReadCurrent());
    }

    private static long Sum(long[] counts)
    {
        long sum = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            sum += Volatile.Read(ref counts[i]);
        }

        return sum;
    }

    private static string Microseconds(TimeSpan time) => (time.TotalMilliseconds * 1000).ToString("0.0", CultureInfo.InvariantCulture);

    private sealed record Window(TimeSpan Elapsed, TimeSpan Cpu, long Items, long Allocated, int Gen0, int Gen1, int Gen2, AudioProcessMemory Memory)
    {
        public double CpuShare => Cpu.TotalSeconds / Elapsed.TotalSeconds;
    }
}
