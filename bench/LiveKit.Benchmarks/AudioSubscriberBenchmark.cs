using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using LiveKit.Api;

namespace LiveKit.Benchmarks;

/// <summary>
/// What a subscriber of audio costs, measured in a process that does nothing else: three processes on 127.0.0.1.
/// <list type="number">
/// <item>The test server, the standalone program (<see cref="StandaloneTestServer"/>).</item>
/// <item>This process: <see cref="AudioPublishers"/>, SDK rooms publishing <c>--tracks</c> Opus tracks
/// (<c>--publishers</c> rooms, several tracks each) of speech-like audio in real time.</item>
/// <item>The subscriber, <see cref="AudioSubscriberProcess"/>: this program again under the JIT (verb
/// <c>audio-subscriber</c>), or with <c>--subscriber PATH</c> the same code published with Native AOT
/// (LiveKit.Benchmarks.AudioSubscriber: <c>dotnet publish bench/LiveKit.Benchmarks.AudioSubscriber -c Release -o DIR</c>,
/// then <c>--subscriber DIR/LiveKit.Benchmarks.AudioSubscriber</c>), whose CPU time (/proc/self/stat), allocations (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) and resident memory
/// (/proc/self/status) are therefore its own: no subtraction of the server's or the publishers' cost is needed.</item>
/// </list>
/// The subscriber's output is passed through; its exit code is this command's. The server's and this process's CPU
/// over the subscriber's life are printed for context (they share the 2 cores with it).
/// Run (build Release first):
/// <c>dotnet bench/LiveKit.Benchmarks/bin/Release/net10.0/LiveKit.Benchmarks.dll audio-subscribe [--tracks 100] [--publishers 10] [--rate 48000] [--mode frames|packets] [--warmup 10] [--window 10] [--windows 3] [--alloc-sources false] [--subscriber PATH]</c>.
/// </summary>
internal static class AudioSubscriberBenchmark
{
    /// <summary>The command-line verb that selects this benchmark.</summary>
    public const string Verb = "audio-subscribe";

    private const string RoomName = "audio-subscribe";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the benchmark with <paramref name="args"/> and returns the subscriber's exit code.</summary>
    public static int Run(string[] args)
    {
        int tracks = 100;
        int publishers = -1;
        string rate = "48000";
        string mode = "frames";
        int warmUp = 10;
        int window = 10;
        int windows = 3;
        string allocationSources = "false";
        string? subscriberPath = null;
        for (int i = 0; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : "";
            bool ok = args[i] switch
            {
                "--tracks" => int.TryParse(value, CultureInfo.InvariantCulture, out tracks) && tracks >= 0,
                "--publishers" => int.TryParse(value, CultureInfo.InvariantCulture, out publishers) && publishers > 0,
                "--rate" => (rate = value) is "8000" or "12000" or "16000" or "24000" or "48000",
                "--mode" => (mode = value) is "frames" or "packets",
                "--warmup" => int.TryParse(value, CultureInfo.InvariantCulture, out warmUp) && warmUp >= 0,
                "--window" => int.TryParse(value, CultureInfo.InvariantCulture, out window) && window > 0,
                "--windows" => int.TryParse(value, CultureInfo.InvariantCulture, out windows) && windows > 0,
                "--alloc-sources" => (allocationSources = value) is "true" or "false",
                "--subscriber" => value.Length > 0 && File.Exists(subscriberPath = Path.GetFullPath(value)),
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"{Verb}: bad option '{args[i]} {value}' (options: --tracks --publishers --rate --mode frames|packets --warmup --window --windows --alloc-sources true|false --subscriber PATH-OF-AN-EXECUTABLE)");
                return 2;
            }
        }

        if (publishers < 0)
        {
            publishers = Math.Min(10, tracks);
        }

        int status = RunAsync(tracks, Math.Min(publishers, tracks), rate, mode, warmUp, window, windows, allocationSources, subscriberPath).GetAwaiter().GetResult();
        Console.Out.Flush();
        return status;
    }

    private static async Task<int> RunAsync(int tracks, int publisherRooms, string rate, string mode, int warmUp, int window, int windows, string allocationSources, string? subscriberPath)
    {
        Console.WriteLine($"{Verb}: {tracks} Opus tracks from {publisherRooms} publishing rooms, one subscriber process reading {mode} " +
            (subscriberPath is null ? "(JIT: this program's audio-subscriber verb)" : $"({subscriberPath})"));
        await using StandaloneTestServer server = await StandaloneTestServer.StartAsync(SetupTimeout);
        Console.WriteLine($"server: {server.Url}, pid {server.ProcessId}");
        var setup = Stopwatch.StartNew();
        await using AudioPublishers publishing = await AudioPublishers.StartAsync(server.Url, StandaloneTestServer.ApiKey, StandaloneTestServer.ApiSecret, RoomName, publisherRooms, tracks);
        Console.WriteLine($"publishers: {tracks} tracks published in {setup.Elapsed.TotalSeconds:0.0} s");

        string token = new AccessToken(StandaloneTestServer.ApiKey, StandaloneTestServer.ApiSecret)
        {
            Identity = "subscriber",
            Ttl = TimeSpan.FromHours(1),
            Video = new VideoGrants { RoomJoin = true, Room = RoomName },
        }.ToJwt();

        // The JIT subscriber is this program's verb under the same dotnet host; a native one takes the options alone.
        string host = subscriberPath
            ?? (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (subscriberPath is null)
        {
            start.ArgumentList.Add(typeof(AudioSubscriberBenchmark).Assembly.Location);
            start.ArgumentList.Add(AudioSubscriberProcess.Verb);
        }

        foreach (string argument in new[]
        {
            "--url", server.Url.ToString(), "--token", token,
            "--tracks", tracks.ToString(CultureInfo.InvariantCulture), "--rate", rate, "--mode", mode,
            "--warmup", warmUp.ToString(CultureInfo.InvariantCulture), "--window", window.ToString(CultureInfo.InvariantCulture),
            "--windows", windows.ToString(CultureInfo.InvariantCulture), "--alloc-sources", allocationSources,
        })
        {
            start.ArgumentList.Add(argument);
        }

        TimeSpan serverBefore = ProcessCpuTime.Read(server.ProcessId);
        TimeSpan publishersBefore = ProcessCpuTime.ReadCurrent();
        var clock = Stopwatch.StartNew();

        // The subscriber writes to this console directly (its output is not redirected).
        using Process subscriber = Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start the subscriber.");
        TimeSpan limit = TimeSpan.FromSeconds(warmUp + window * windows) + TimeSpan.FromMinutes(5);
        try
        {
            await subscriber.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            subscriber.Kill();
            Console.WriteLine($"The subscriber did not finish within {limit.TotalSeconds:0} s and was stopped. Server log: " + string.Join(Environment.NewLine, server.LastLines));
            return 4;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"context, over the subscriber's {seconds:0} s: server {(ProcessCpuTime.Read(server.ProcessId) - serverBefore).TotalSeconds / seconds:P1} of one core, " +
            $"publishers (this process) {(ProcessCpuTime.ReadCurrent() - publishersBefore).TotalSeconds / seconds:P1}; load: {File.ReadAllText("/proc/loadavg").Trim()}");
        return subscriber.ExitCode;
    }
}
