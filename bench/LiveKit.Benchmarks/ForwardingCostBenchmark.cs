using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.Testing.Tests;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>
/// What the test server's forwarding costs in CPU: 10 audio publishers and 10 subscribers in one room on 127.0.0.1,
/// each publisher's Opus-like track (20 ms packets of 100 octets, 50 a second) forwarded to every subscriber: 100 legs,
/// 5,000 forwarded packets a second. The server runs as the standalone program in its own process
/// (<see cref="StandaloneTestServer"/>), so that its CPU time (<see cref="ProcessCpuTime"/>) is the server's alone; the
/// participants are the test server's bare signal client (<see cref="SignalTestClient"/>, protobuf over a WebSocket)
/// with LiveKit.WebRtc PeerConnections in this process. Publishers join first (auto_subscribe=0: they subscribe to
/// nothing), publish one audio track each and send with <see cref="RtpSender.SendRtp"/> paced by one timer; then the
/// subscribers join (auto_subscribe=1) and get all ten tracks in their first offer. Forwarded packets are counted where
/// they arrive: <see cref="RtpReceiver.PacketsReceived"/> of the subscribers' audio receivers.
/// <para>
/// After a warm-up (every leg has delivered, then <c>--warmup</c> seconds more, 5 by default), each measured window
/// reads the server's CPU time and the subscribers' packet counts at its start and end: the result is server CPU per
/// forwarded packet. Then the publishers stop and an idle window measures what the server costs with everyone connected
/// and nothing to forward (pings, timers, connection quality). The baseline, measured in the same run in this process
/// while no server runs (before and after): <see cref="SrtpSendFloor"/>, SRTP protect plus one <c>sendto</c> per packet
/// of the size a leg carries, the floor of forwarding one packet.
/// </para>
/// <para>
/// A window in which fewer than 99 % of the packets due reached every subscriber, or the publishers sent fewer than 95 %
/// of theirs, is a stall (before commit 2123e47 LiveKit.WebRtc's RTP sender and RTCP report timer took two locks in
/// opposite orders, and a sender or forwarder that met it stayed blocked: docs/benchmarks.md, "Test server"); it does
/// not count, and the run ends there with exit code 3, reporting the windows before it.
/// </para>
/// Run (no browser, so no network namespace needed; build Release first):
/// <c>dotnet bench/LiveKit.Benchmarks/bin/Release/net10.0/LiveKit.Benchmarks.dll forwarding-cost [--rate 50] [--window 5] [--windows 4] [--warmup 5]</c>.
/// </summary>
internal static class ForwardingCostBenchmark
{
    /// <summary>The command-line verb that selects this benchmark instead of BenchmarkDotNet's switcher.</summary>
    public const string Verb = "forwarding-cost";

    private const int Publishers = 10;
    private const int Subscribers = 10;
    private const int PayloadLength = 100;
    private const int FloorPackets = 300_000;
    private const string Room = "forwarding";

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    /// <summary>Runs the benchmark with <paramref name="args"/> (<c>--rate</c> packets/s per publisher, <c>--window</c> seconds, <c>--windows</c>, <c>--warmup</c> seconds) and prints the results.</summary>
    public static int Run(string[] args)
    {
        int rate = 50;
        int windowSeconds = 5;
        int windows = 4;
        int warmUpSeconds = 5;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--rate" when int.TryParse(value, CultureInfo.InvariantCulture, out rate) && rate is > 0 and <= 1000:
                case "--window" when int.TryParse(value, CultureInfo.InvariantCulture, out windowSeconds) && windowSeconds > 0:
                case "--windows" when int.TryParse(value, CultureInfo.InvariantCulture, out windows) && windows > 0:
                case "--warmup" when int.TryParse(value, CultureInfo.InvariantCulture, out warmUpSeconds) && warmUpSeconds >= 0:
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"{Verb}: unexpected '{args[i]}' (options: --rate <1-1000 packets/s per publisher> --window <seconds> --windows <count> --warmup <seconds>)");
                    return 2;
            }
        }

        int status = RunAsync(rate, TimeSpan.FromSeconds(windowSeconds), windows, TimeSpan.FromSeconds(warmUpSeconds)).GetAwaiter().GetResult();
        Console.Out.Flush();

        // Exit rather than return: after a stall, blocked foreground work must not keep the process alive.
        Environment.Exit(status);
        return status;
    }

    /// <summary>Returns 0, or 3 when a stall ended the run early (the windows measured before it are still reported).</summary>
    private static async Task<int> RunAsync(int rate, TimeSpan window, int windowCount, TimeSpan warmUp)
    {
        Console.WriteLine($"{Verb}: {Publishers} publishers x {Subscribers} subscribers, {PayloadLength}-octet payloads at {rate}/s per publisher " +
            $"({Publishers * Subscribers * rate} forwarded packets/s), {warmUp.TotalSeconds:0} s warm-up, {windowCount} windows of {window.TotalSeconds:0} s; CPU clock tick {ProcessCpuTime.Resolution.TotalMilliseconds:0} ms");

        TimeSpan floorBefore = SrtpSendFloor.MeasurePerPacket(FloorPackets, PayloadLength);
        Console.WriteLine($"floor (before): {Microseconds(floorBefore)} µs CPU per packet");

        var results = new List<WindowResult>();
        WindowResult? idle = null;
        bool stalled = false;
        StandaloneTestServer server = await StandaloneTestServer.StartAsync(SetupTimeout);
        Console.WriteLine($"server: {server.Url}, pid {server.ProcessId}");
        var clients = new List<SignalTestClient>();
        try
        {
            var senders = new List<RtpSender>();
            for (int i = 0; i < Publishers; i++)
            {
                (SignalTestClient publisher, RtpSender sender) = await JoinPublisherAsync(server, $"publisher-{i}");
                clients.Add(publisher);
                senders.Add(sender);
            }

            var receivers = new List<RtpReceiver>();
            for (int i = 0; i < Subscribers; i++)
            {
                (SignalTestClient subscriber, IReadOnlyList<RtpReceiver> audio) = await JoinSubscriberAsync(server, $"subscriber-{i}");
                clients.Add(subscriber);
                receivers.AddRange(audio);
            }

            var publishing = new PacedPublishers(senders, rate, PayloadLength);
            await WaitForEveryLegAsync(receivers, server);
            await Task.Delay(warmUp);

            long dueSentPerWindow = (long)(Publishers * rate * window.TotalSeconds);
            for (int w = 0; w < windowCount && !stalled; w++)
            {
                WindowResult result = await MeasureAsync(server, receivers, publishing, window);
                Console.WriteLine($"window {w + 1}: {result}");
                stalled = result.DeliveredFraction < 0.99 || result.Expected / Subscribers < dueSentPerWindow * 0.95;
                if (stalled)
                {
                    Console.WriteLine($"STALLED: {result.Expected / Subscribers:N0} packets sent of {dueSentPerWindow:N0} due, " +
                        $"{result.DeliveredFraction:P1} of them delivered to every subscriber; this window does not count and the run ends " +
                        "(see \"Test server\" in docs/benchmarks.md).");
                    Console.WriteLine("The clients:" + Environment.NewLine + string.Join(Environment.NewLine, clients.Select(Describe)));
                }
                else
                {
                    results.Add(result);
                }
            }

            if (!stalled)
            {
                publishing.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(2)); // let the last packets drain
                idle = await MeasureAsync(server, receivers, publishing, IdleWindow);
                Console.WriteLine($"idle window: {idle}");
                if (!server.IsRunning)
                {
                    throw new InvalidOperationException("The server exited: " + string.Join(Environment.NewLine, server.LastLines));
                }
            }
        }
        finally
        {
            await server.DisposeAsync();

            // After a stall some of the clients' threads are blocked for good, and disposing them would wait on those.
            if (!stalled)
            {
                foreach (SignalTestClient client in clients)
                {
                    await client.DisposeAsync();
                }
            }
        }

        TimeSpan floorAfter = SrtpSendFloor.MeasurePerPacket(FloorPackets, PayloadLength);
        Console.WriteLine($"floor (after): {Microseconds(floorAfter)} µs CPU per packet");
        PrintSummary(results, idle, floorBefore, floorAfter);
        return stalled ? 3 : 0;
    }

    private static async Task<(SignalTestClient Client, RtpSender Sender)> JoinPublisherAsync(StandaloneTestServer server, string identity)
    {
        SignalTestClient client = await JoinAsync(server, identity, autoSubscribe: false);
        (RtpTransceiver transceiver, TrackInfo _) = await client.PublishAsync(MediaKind.Audio, "microphone");
        await PeerConnectionWaits.ConnectedAsync(client.Publisher);
        return (client, transceiver.Sender);
    }

    private static async Task<(SignalTestClient Client, IReadOnlyList<RtpReceiver> Audio)> JoinSubscriberAsync(StandaloneTestServer server, string identity)
    {
        SignalTestClient client = await JoinAsync(server, identity, autoSubscribe: true);
        var audio = new List<RtpReceiver>();
        for (int i = 0; i < Publishers; i++)
        {
            RtpTransceiver track = await client.NextTrackAsync();
            audio.Add(track.Receiver);
        }

        await PeerConnectionWaits.ConnectedAsync(client.Subscriber);
        return (client, audio);
    }

    /// <summary>Joins over /rtc with a token signed by the program's dev credentials; pings as clients do; only the subscriber PC is brought up.</summary>
    private static async Task<SignalTestClient> JoinAsync(StandaloneTestServer server, string identity, bool autoSubscribe)
    {
        string token = new AccessToken(StandaloneTestServer.ApiKey, StandaloneTestServer.ApiSecret)
        {
            Identity = identity,
            Ttl = TimeSpan.FromHours(1),
            Video = new VideoGrants { RoomJoin = true, Room = Room },
        }.ToJwt();
        var uri = new Uri(server.Url, $"rtc?access_token={token}&protocol=17&sdk=dotnet-bench&version=0.1&auto_subscribe={(autoSubscribe ? 1 : 0)}");
        SignalTestClient client = await SignalTestClient.ConnectAsync(uri);
        try
        {
            await client.WaitForAsync(SignalResponse.MessageOneofCase.Join);
            client.StartPinging(TimeSpan.FromSeconds(5));
            await client.StartMediaAsync(publishData: false);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every subscriber's receiver of every track has counted a packet (a counter has no event: polled).</summary>
    private static async Task WaitForEveryLegAsync(IReadOnlyList<RtpReceiver> receivers, StandaloneTestServer server)
    {
        var elapsed = Stopwatch.StartNew();
        while (receivers.Any(r => r.PacketsReceived == 0))
        {
            if (elapsed.Elapsed > SetupTimeout)
            {
                throw new TimeoutException(
                    $"{receivers.Count(r => r.PacketsReceived == 0)} of {receivers.Count} legs delivered nothing within {SetupTimeout.TotalSeconds:0} s. " +
                    "Server log: " + string.Join(Environment.NewLine, server.LastLines));
            }

            await Task.Delay(100);
        }
    }

    private static async Task<WindowResult> MeasureAsync(StandaloneTestServer server, IReadOnlyList<RtpReceiver> receivers, PacedPublishers publishing, TimeSpan window)
    {
        long forwardedBefore = receivers.Sum(r => r.PacketsReceived);
        long sentBefore = publishing.PacketsSent;
        TimeSpan clientsBefore = ProcessCpuTime.ReadCurrent();
        TimeSpan serverBefore = ProcessCpuTime.Read(server.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        TimeSpan serverAfter = ProcessCpuTime.Read(server.ProcessId);
        TimeSpan clientsAfter = ProcessCpuTime.ReadCurrent();
        TimeSpan elapsed = clock.Elapsed;
        return new WindowResult(
            elapsed,
            serverAfter - serverBefore,
            clientsAfter - clientsBefore,
            receivers.Sum(r => r.PacketsReceived) - forwardedBefore,
            (publishing.PacketsSent - sentBefore) * Subscribers);
    }

    private static void PrintSummary(List<WindowResult> results, WindowResult? idle, TimeSpan floorBefore, TimeSpan floorAfter)
    {
        TimeSpan floor = (floorBefore + floorAfter) / 2;
        Console.WriteLine();
        Console.WriteLine("| Window | Forwarded packets | Delivered / expected | Server CPU | Server CPU per forwarded packet | Ratio to floor | Clients' CPU per packet |");
        Console.WriteLine("|-------:|------------------:|---------------------:|-----------:|--------------------------------:|---------------:|------------------------:|");
        for (int i = 0; i < results.Count; i++)
        {
            WindowResult r = results[i];
            Console.WriteLine($"| {i + 1} | {r.Forwarded:N0} | {r.DeliveredFraction:P1} | {r.ServerCpu.TotalSeconds:0.00} s | " +
                $"{r.ServerCpuPerPacket.TotalSeconds:0.000e+0} s ({Microseconds(r.ServerCpuPerPacket)} µs) | {r.ServerCpuPerPacket / floor:0.0} | {Microseconds(r.ClientCpuPerPacket)} µs |");
        }

        Console.WriteLine($"| floor (SrtpContext GCM protect + sendto, {SrtpSendFloor.HeaderLength + PayloadLength} octets) | | | | " +
            $"{floor.TotalSeconds:0.000e+0} s ({Microseconds(floor)} µs; before {Microseconds(floorBefore)}, after {Microseconds(floorAfter)}) | 1.0 | |");
        Console.WriteLine();
        if (results.Count == 0)
        {
            Console.WriteLine("No valid window.");
            return;
        }

        TimeSpan[] perPacket = results.Select(r => r.ServerCpuPerPacket).Order().ToArray();
        TimeSpan median = (perPacket[(perPacket.Length - 1) / 2] + perPacket[perPacket.Length / 2]) / 2;
        Console.WriteLine($"Median of {results.Count} valid windows: {Microseconds(median)} µs of server CPU per forwarded packet, " +
            $"{median / floor:0.0}x the floor.");
        if (idle is not null)
        {
            // What the server spends per second with nothing to forward, against what it spends per second forwarding.
            double idlePerSecond = idle.ServerCpu.TotalMilliseconds / idle.Elapsed.TotalSeconds;
            double activePerSecond = results.Sum(r => r.ServerCpu.TotalMilliseconds) / results.Sum(r => r.Elapsed.TotalSeconds);
            double idleShare = idlePerSecond / activePerSecond;
            Console.WriteLine($"Idle (everyone connected, no media, {idle.Forwarded} packets): {idlePerSecond:0.0} ms of server CPU per second " +
                $"({idleShare:P0} of what it spends per second while forwarding).");
        }
    }

    /// <summary>A client's state for a failure message: its PeerConnections, its signal connection, any leave it got.</summary>
    private static string Describe(SignalTestClient client)
    {
        string identity = client.Received.FirstOrDefault(r => r.Join is not null)?.Join.Participant.Identity ?? "?";
        string leaves = string.Join("; ", client.Received.Where(r => r.Leave is not null).Select(r => r.Leave.ToString()));
        string publisher;
        try
        {
            publisher = client.Publisher.ConnectionState + " " + client.Publisher.FailureReason?.Message;
        }
        catch (InvalidOperationException)
        {
            publisher = "none";
        }

        return $"{identity}: subscriber PC {client.Subscriber.ConnectionState} {client.Subscriber.FailureReason?.Message}, publisher PC {publisher}, " +
            $"signal {(client.Closed.Task.IsCompleted ? $"closed ({client.CloseStatus} {client.CloseStatusDescription})" : "open")}, " +
            $"{client.Received.Count} responses{(leaves.Length > 0 ? ", leave: " + leaves : "")}";
    }

    private static string Microseconds(TimeSpan time) => (time.TotalMilliseconds * 1000).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>One measured window: wall time, the server's CPU, this process's (the 20 clients'), packets counted and expected.</summary>
    private sealed record WindowResult(TimeSpan Elapsed, TimeSpan ServerCpu, TimeSpan ClientCpu, long Forwarded, long Expected)
    {
        public TimeSpan ServerCpuPerPacket => Forwarded == 0 ? TimeSpan.Zero : ServerCpu / Forwarded;

        public TimeSpan ClientCpuPerPacket => Forwarded == 0 ? TimeSpan.Zero : ClientCpu / Forwarded;

        public double DeliveredFraction => Expected == 0 ? 0 : (double)Forwarded / Expected;

        public override string ToString() =>
            $"{Elapsed.TotalSeconds:0.00} s, {Forwarded:N0} forwarded ({DeliveredFraction:P1} of {Expected:N0} expected), server CPU {ServerCpu.TotalSeconds:0.00} s " +
            $"= {Microseconds(ServerCpuPerPacket)} µs/packet, clients' CPU {ClientCpu.TotalSeconds:0.00} s";
    }
}
