using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.Media.Audio;
using Xunit;
using Xunit.Abstractions;

namespace LiveKit.Media.Tests.Audio;

/// <summary>The buffer over time: start, underruns, packet duration, adaptive delay, latency trimming, allocation.</summary>
public class AudioJitterBufferTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void A_lone_packet_plays_once_it_has_waited_the_target_delay()
    {
        using var harness = new JitterBufferHarness();

        string[] played = [harness.Step(1), harness.Step(), harness.Step(), harness.Step(), harness.Step()];

        Assert.Equal(["-", "-", "-", "1", "-"], played);
        Assert.Equal(1, harness.Buffer.Statistics.Underruns);
    }

    [Fact]
    public void A_missing_packet_is_waited_for_while_less_than_the_target_delay_is_buffered_behind_it()
    {
        using var harness = new JitterBufferHarness();

        // Playout starts on 1 alone (after 60 ms); 2 is missing with only 3 behind it (40 ms), so its slot waits, and 2
        // arrives in time.
        string[] played = [harness.Step(1), harness.Step(), harness.Step(), harness.Step(), harness.Step(3), harness.Step(2), harness.Step(4), harness.Step(5)];

        Assert.Equal(["-", "-", "-", "1", "-", "2", "3", "4"], played);
        Assert.Equal(1, harness.Buffer.Statistics.Waits);
        Assert.Equal(0, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void A_missing_packet_is_waited_for_no_longer_than_the_target_delay()
    {
        using var harness = new JitterBufferHarness();

        string[] played = [harness.Step(1), harness.Step(), harness.Step(), harness.Step(), harness.Step(3), harness.Step(), harness.Step(), harness.Step(), harness.Step()];

        // 3 arrived at 80 ms; at 140 ms it has waited 60 ms, so 2 is declared lost.
        Assert.Equal(["-", "-", "-", "1", "-", "-", "-", "lost 2", "3"], played);
        Assert.Equal(3, harness.Buffer.Statistics.Waits);
        Assert.Equal(1, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void A_pause_in_sending_runs_the_buffer_empty_without_counting_losses_and_playout_resumes()
    {
        using var harness = new JitterBufferHarness();
        string[] talk = Enumerable.Range(1, 6).Select(n => harness.Step(n)).ToArray();
        string[] pause = Enumerable.Range(0, 10).Select(_ => harness.Step()).ToArray();

        // DTX: the sequence numbers go on from 7, the timestamps jump by the 10 silent slots.
        harness.TimestampBase += 10 * JitterBufferHarness.FrameTicks;
        string[] resumed = Enumerable.Range(7, 5).Select(n => harness.Step(n)).ToArray();

        Assert.Equal(["-", "-", "1", "2", "3", "4"], talk);
        Assert.Equal(["5", "6", "-", "-", "-", "-", "-", "-", "-", "-"], pause);
        Assert.Equal(["-", "-", "7", "8", "9"], resumed);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(1, statistics.Underruns);
        Assert.Equal(0, statistics.Lost);
        Assert.Equal(TimeSpan.FromMilliseconds(20), statistics.FrameDuration);
    }

    [Fact]
    public void After_an_outage_playout_resumes_at_the_first_packet_and_counts_the_gap_lost()
    {
        using var harness = new JitterBufferHarness();
        string[] before = Enumerable.Range(1, 6).Select(n => harness.Step(n)).ToArray();
        // Packets 7 to 16 are lost in the network; the caller's pops meanwhile got nothing and played silence.
        string[] outage = Enumerable.Range(7, 10).Select(_ => harness.Step()).ToArray();
        string[] after = Enumerable.Range(17, 4).Select(n => harness.Step(n)).ToArray();

        Assert.Equal(["-", "-", "1", "2", "3", "4"], before);
        Assert.Equal(["5", "6", "-", "-", "-", "-", "-", "-", "-", "-"], outage);
        Assert.Equal(["-", "-", "17", "18"], after);
        Assert.Equal(10, harness.Buffer.Statistics.Lost);
        Assert.Empty(harness.Losses);
    }

    [Fact]
    public void The_packet_duration_comes_from_the_timestamps()
    {
        var clock = new ManualClock();
        using var buffer = new AudioJitterBuffer(new AudioJitterBufferOptions { TimeProvider = clock });
        byte[] payload = [1, 2, 3];
        var played = new List<string>();

        // 10 ms packets (480 at 48 kHz), popped every 10 ms; packet 9 is lost.
        for (int n = 1; n <= 15; n++)
        {
            if (n != 9)
            {
                buffer.Push((ushort)n, (uint)(n * 480), payload);
            }

            played.Add(!buffer.TryPop(out JitterBufferPacket packet) ? "-"
                : packet.Kind == JitterBufferPacketKind.Lost ? $"lost {packet.SequenceNumber} for {packet.Duration} at {packet.Timestamp}"
                : $"{packet.SequenceNumber} for {packet.Duration}");
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        // 60 ms buffered is six 10 ms packets; the loss is declared when 60 ms are buffered behind it.
        string[] expected =
        [
            "-", "-", "-", "-", "-", "1 for 480", "2 for 480", "3 for 480", "4 for 480", "5 for 480", "6 for 480",
            "7 for 480", "8 for 480", "lost 9 for 480 at 4320", "10 for 480",
        ];
        Assert.Equal(expected, played);
        Assert.Equal(TimeSpan.FromMilliseconds(10), buffer.Statistics.FrameDuration);
    }

    [Fact]
    public void Jittery_arrivals_raise_the_target_delay_and_steady_ones_keep_it()
    {
        (JitterBufferStatistics steady, _) = Simulate(adaptive: true, maxNetworkDelayMs: 0, seed: 1);
        (JitterBufferStatistics jitteryFixed, int fixedGaps) = Simulate(adaptive: false, maxNetworkDelayMs: 100, seed: 2);
        (JitterBufferStatistics jitteryAdaptive, int adaptiveGaps) = Simulate(adaptive: true, maxNetworkDelayMs: 100, seed: 2);

        output.WriteLine($"steady: target {steady.TargetDelay.TotalMilliseconds} ms, jitter {steady.Jitter.TotalMilliseconds:F1} ms");
        output.WriteLine($"jittery, fixed 60 ms: lost {jitteryFixed.Lost}, late {jitteryFixed.Late}, underruns {jitteryFixed.Underruns}, waits {jitteryFixed.Waits}, silent slots {fixedGaps}");
        output.WriteLine($"jittery, adaptive: target {jitteryAdaptive.TargetDelay.TotalMilliseconds:F1} ms, jitter {jitteryAdaptive.Jitter.TotalMilliseconds:F1} ms, lost {jitteryAdaptive.Lost}, late {jitteryAdaptive.Late}, underruns {jitteryAdaptive.Underruns}, waits {jitteryAdaptive.Waits}, silent slots {adaptiveGaps}");

        Assert.Equal(TimeSpan.FromMilliseconds(60), steady.TargetDelay);
        Assert.Equal(TimeSpan.Zero, steady.Jitter);
        Assert.Equal(TimeSpan.FromMilliseconds(60), jitteryFixed.TargetDelay);
        Assert.True(jitteryAdaptive.TargetDelay > TimeSpan.FromMilliseconds(60), $"target {jitteryAdaptive.TargetDelay}");
        Assert.True(jitteryAdaptive.TargetDelay <= TimeSpan.FromMilliseconds(250), $"target {jitteryAdaptive.TargetDelay}");
        Assert.True(jitteryAdaptive.Late + jitteryAdaptive.Underruns < jitteryFixed.Late + jitteryFixed.Underruns,
            "the adapted delay should wait out more of the jitter than the fixed one");
    }

    [Fact]
    public void A_sender_faster_than_playout_is_trimmed_back_to_the_target_delay()
    {
        using var harness = new JitterBufferHarness(new AudioJitterBufferOptions { MaxDelay = TimeSpan.FromMilliseconds(200) });
        var played = new List<int>();
        int maxBuffered = 0;

        // Two packets arrive per 20 ms slot: the queue grows by a packet every slot.
        for (int slot = 0; slot < 60; slot++)
        {
            string result = harness.Step(2 * slot + 1, 2 * slot + 2);
            if (result != "-")
            {
                played.Add(int.Parse(result, System.Globalization.CultureInfo.InvariantCulture));
            }

            maxBuffered = Math.Max(maxBuffered, harness.Buffer.Statistics.Buffered);
        }

        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.True(statistics.Dropped > 0);
        Assert.True(maxBuffered <= 200 / 20 + 2, $"{maxBuffered} packets buffered");
        Assert.Equal(played.Order(), played);
        Assert.Equal(0, statistics.Lost);
        Assert.Equal(120, statistics.Played + statistics.Dropped + statistics.Buffered);
    }

    [Fact]
    public void Steady_state_push_and_pop_allocate_nothing()
    {
        var clock = new ManualClock();
        using var buffer = new AudioJitterBuffer(new AudioJitterBufferOptions { TimeProvider = clock });
        byte[] payload = new byte[160];
        int sequence = 65_000; // wraps during the run

        void Run(int slots)
        {
            for (int i = 0; i < slots; i++, sequence++)
            {
                switch (i % 10)
                {
                    case 3:
                        break; // delayed past its slot: arrives three slots later, after its loss marker
                    case 4:
                        buffer.Push((ushort)(sequence + 1), (uint)((sequence + 1) * 960), payload); // overtakes this one
                        buffer.Push((ushort)sequence, (uint)(sequence * 960), payload);
                        break;
                    case 5:
                        break; // came early
                    case 6:
                        buffer.Push((ushort)sequence, (uint)(sequence * 960), payload);
                        buffer.Push((ushort)(sequence - 3), (uint)((sequence - 3) * 960), payload); // late
                        break;
                    case 7:
                        buffer.Push((ushort)sequence, (uint)(sequence * 960), payload);
                        buffer.Push((ushort)sequence, (uint)(sequence * 960), payload); // duplicate
                        break;
                    default:
                        buffer.Push((ushort)sequence, (uint)(sequence * 960), payload);
                        break;
                }

                buffer.TryPop(out JitterBufferPacket packet);
                _ = packet.Payload.Length + packet.NextPayload.Length;
                clock.Advance(TimeSpan.FromMilliseconds(20));
            }
        }

        Run(200);
        long allocated = SteadyStateAllocation.FewestBytes(() => Run(1_000));

        JitterBufferStatistics statistics = buffer.Statistics;
        Assert.Equal(0, allocated);
        Assert.True(statistics.Lost > 0 && statistics.Late > 0 && statistics.Reordered > 0 && statistics.Duplicates > 0 && statistics.Played > 900, statistics.ToString());
    }

    // Packets every 20 ms, each delayed by the network by 0 to maxNetworkDelayMs (uniform, seeded), popped every 20 ms
    // for 30 s; time moves in 1 ms steps.
    private static (JitterBufferStatistics Statistics, int SilentSlots) Simulate(bool adaptive, int maxNetworkDelayMs, int seed)
    {
        var clock = new ManualClock();
        using var buffer = new AudioJitterBuffer(new AudioJitterBufferOptions { Adaptive = adaptive, TimeProvider = clock });
        var random = new Random(seed);
        const int Packets = 1_500;
        var arrivals = Enumerable.Range(0, Packets)
            .Select(n => (Sequence: n, At: n * 20 + random.Next(0, maxNetworkDelayMs + 1)))
            .OrderBy(a => a.At)
            .ThenBy(a => a.Sequence)
            .ToArray();
        byte[] payload = [1];
        int next = 0, silent = 0;
        for (int ms = 0; ms < Packets * 20; ms++)
        {
            while (next < arrivals.Length && arrivals[next].At <= ms)
            {
                buffer.Push((ushort)arrivals[next].Sequence, (uint)(arrivals[next].Sequence * 960), payload);
                next++;
            }

            if (ms % 20 == 10 && !buffer.TryPop(out _))
            {
                silent++;
            }

            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        return (buffer.Statistics, silent);
    }
}
