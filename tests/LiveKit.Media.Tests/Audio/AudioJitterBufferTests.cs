using System;
using System.Linq;
using LiveKit.Media.Audio;
using Xunit;

namespace LiveKit.Media.Tests.Audio;

/// <summary>Order, loss, duplicates, wrap-around, lateness, capacity and restarts, one 20 ms slot at a time.</summary>
public class AudioJitterBufferTests
{
    [Fact]
    public void In_order_packets_play_in_order_once_the_target_delay_is_buffered()
    {
        using var harness = new JitterBufferHarness();

        string[] played = Enumerable.Range(1, 10).Select(n => harness.Step(n)).ToArray();

        // 60 ms target: the third packet makes 60 ms buffered, and playout starts.
        Assert.Equal(["-", "-", "1", "2", "3", "4", "5", "6", "7", "8"], played);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(10, statistics.Received);
        Assert.Equal(8, statistics.Played);
        Assert.Equal(2, statistics.Buffered);
        Assert.Equal(0, statistics.Lost + statistics.Late + statistics.Duplicates + statistics.Reordered + statistics.Dropped);
        Assert.Equal(TimeSpan.FromMilliseconds(20), statistics.FrameDuration);
    }

    [Fact]
    public void Packets_reordered_within_the_delay_play_in_sequence_order()
    {
        using var harness = new JitterBufferHarness();

        string[] played =
        [
            harness.Step(1), harness.Step(2), harness.Step(4), harness.Step(3), harness.Step(6), harness.Step(7),
            harness.Step(5), harness.Step(8), harness.Step(10, 9), harness.Step(), harness.Step(), harness.Step(),
        ];

        Assert.Equal(["-", "-", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], played);
        Assert.Equal(3, harness.Buffer.Statistics.Reordered);
        Assert.Equal(0, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void A_lost_packet_yields_exactly_one_loss_marker_at_its_slot_with_the_next_packet_for_FEC()
    {
        using var harness = new JitterBufferHarness();

        string[] played = [.. Enumerable.Range(1, 12).Select(n => n is 5 or > 10 ? harness.Step() : harness.Step(n))];

        Assert.Equal(["-", "-", "1", "2", "3", "4", "lost 5", "6", "7", "8", "9", "10"], played);
        var loss = Assert.Single(harness.Losses);
        Assert.Equal(5, loss.Sequence);
        Assert.Equal(harness.TimestampBase + 5u * JitterBufferHarness.FrameTicks, loss.Timestamp);
        Assert.True(loss.HasNext);
        Assert.Equal(6, loss.NextSequence);
        Assert.Equal(1, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void Two_losses_in_a_row_give_two_markers_and_FEC_only_for_the_second()
    {
        using var harness = new JitterBufferHarness();

        string[] played = Enumerable.Range(1, 10).Select(n => n is 5 or 6 ? harness.Step() : harness.Step(n)).ToArray();

        Assert.Equal(["-", "-", "1", "2", "3", "4", "lost 5", "lost 6", "7", "8"], played);
        Assert.Equal([(5, false, -1), (6, true, 7)], harness.Losses.Select(l => ((int)l.Sequence, l.HasNext, l.NextSequence)));
        Assert.Equal(2, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void Duplicates_are_dropped_and_counted_whether_buffered_or_already_played()
    {
        using var harness = new JitterBufferHarness();

        string[] played = [harness.Step(1), harness.Step(2), harness.Step(3, 3), harness.Step(4, 1), harness.Step(5), harness.Step(6)];

        Assert.Equal(["-", "-", "1", "2", "3", "4"], played);
        Assert.Equal(2, harness.Buffer.Statistics.Duplicates);
        Assert.Equal(0, harness.Buffer.Statistics.Late);
    }

    [Fact]
    public void Sequence_numbers_and_timestamps_wrap_around()
    {
        using var harness = new JitterBufferHarness
        {
            SequenceBase = 65_533,
            // The timestamp wraps between the second and the third packet.
            TimestampBase = uint.MaxValue - JitterBufferHarness.FrameTicks - 100,
        };

        // 65533 65534 65535 0 1 ... : sequence 0 (65536) is lost; 2 arrives before 1.
        int[][] arrivals = [[65_533], [65_534], [65_535], [], [65_538], [65_537], [65_539], [65_540], [], [], []];
        string[] played = arrivals.Select(a => harness.Step(a)).ToArray();

        Assert.Equal(["-", "-", "65533", "65534", "65535", "lost 0", "1", "2", "3", "4", "-"], played);
        var loss = Assert.Single(harness.Losses);
        Assert.Equal(unchecked(harness.TimestampBase + 3u * JitterBufferHarness.FrameTicks), loss.Timestamp);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(TimeSpan.FromMilliseconds(20), statistics.FrameDuration);
        Assert.Equal(1, statistics.Lost);
        Assert.Equal(1, statistics.Reordered);
        Assert.Equal(0, statistics.Resets + statistics.Late + statistics.Dropped);
    }

    [Fact]
    public void A_packet_arriving_after_its_slot_was_declared_lost_is_dropped_as_late()
    {
        using var harness = new JitterBufferHarness();

        string[] played =
        [
            harness.Step(1), harness.Step(2), harness.Step(3), harness.Step(4), harness.Step(), harness.Step(6),
            harness.Step(7), harness.Step(8, 5), harness.Step(9), harness.Step(10),
        ];

        Assert.Equal(["-", "-", "1", "2", "3", "4", "lost 5", "6", "7", "8"], played);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(1, statistics.Late);
        Assert.Equal(1, statistics.Lost);
        Assert.False(harness.Push(5));
        Assert.Equal(2, harness.Buffer.Statistics.Late);
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_packets_and_counts_them()
    {
        using var harness = new JitterBufferHarness(new AudioJitterBufferOptions { Capacity = 8 });

        for (int n = 1; n <= 20; n++)
        {
            Assert.True(harness.Push(n));
        }

        string[] played = Enumerable.Range(0, 9).Select(_ => harness.Step()).ToArray();

        Assert.Equal(["13", "14", "15", "16", "17", "18", "19", "20", "-"], played);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(12, statistics.Dropped);
        Assert.Equal(0, statistics.Lost);
        Assert.Equal(8, statistics.Played);
    }

    [Fact]
    public void A_large_sequence_jump_confirmed_by_a_second_packet_restarts_the_stream()
    {
        using var harness = new JitterBufferHarness();
        string[] before = Enumerable.Range(1, 6).Select(n => harness.Step(n)).ToArray();

        // The source restarts at 40000: the first packet is held on probation, the second confirms the restart, the
        // old stream's last packet (6) is dropped, and playout buffers again from 40000.
        string[] after = Enumerable.Range(40_000, 6).Select(n => harness.Step(n)).ToArray();

        Assert.Equal(["-", "-", "1", "2", "3", "4"], before);
        Assert.Equal(["5", "-", "40000", "40001", "40002", "40003"], after);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(1, statistics.Resets);
        Assert.Equal(1, statistics.Dropped);
        Assert.Equal(0, statistics.Lost + statistics.Late);
    }

    [Fact]
    public void A_single_stray_packet_far_off_does_not_restart_the_stream()
    {
        using var harness = new JitterBufferHarness();

        string[] played = [harness.Step(1), harness.Step(2), harness.Step(3), harness.Step(30_000), harness.Step(4), harness.Step(5), harness.Step(6)];

        Assert.Equal(["-", "-", "1", "2", "3", "4", "5"], played);
        Assert.Equal(0, harness.Buffer.Statistics.Resets);
        Assert.Equal(1, harness.Buffer.Statistics.Dropped);
        Assert.Equal(0, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void A_packet_reordered_before_the_first_one_still_plays_first()
    {
        using var harness = new JitterBufferHarness();

        string[] played = [harness.Step(2), harness.Step(1, 3), harness.Step(4), harness.Step(5)];

        Assert.Equal(["-", "1", "2", "3"], played);
        Assert.Equal(0, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void Payloads_larger_than_the_maximum_are_dropped()
    {
        using var buffer = new AudioJitterBuffer(new AudioJitterBufferOptions { MaxPayloadBytes = 4, TimeProvider = new ManualClock() });

        Assert.False(buffer.Push(1, 960, new byte[5]));
        Assert.True(buffer.Push(2, 1_920, new byte[4]));
        Assert.Equal(1, buffer.Statistics.Dropped);
        Assert.Equal(1, buffer.Statistics.Buffered);
    }

    [Fact]
    public void Statistics_count_each_kind_of_event_once()
    {
        using var harness = new JitterBufferHarness();

        // 1..12 with: 4 and 3 swapped (reordered), 6 lost, 8 duplicated, 7 lost and then late, a stray 20000.
        int[][] arrivals = [[1], [2], [4], [3], [5], [], [8, 8], [9, 20_000], [10], [11, 7], [12], [], []];
        string[] played = arrivals.Select(a => harness.Step(a)).ToArray();

        Assert.Equal(["-", "-", "1", "2", "3", "4", "5", "lost 6", "lost 7", "8", "9", "10", "11"], played);
        JitterBufferStatistics statistics = harness.Buffer.Statistics;
        Assert.Equal(13, statistics.Received);
        Assert.Equal(9, statistics.Played);
        Assert.Equal(2, statistics.Lost);
        Assert.Equal(1, statistics.Late);
        Assert.Equal(1, statistics.Duplicates);
        Assert.Equal(1, statistics.Reordered);
        Assert.Equal(1, statistics.Dropped);
        Assert.Equal(0, statistics.Resets);
        Assert.Equal(0, statistics.Underruns);
        Assert.Equal(1, statistics.Buffered);
    }

    [Fact]
    public void Reset_forgets_the_stream_and_keeps_the_counters()
    {
        using var harness = new JitterBufferHarness();
        harness.Step(1);
        harness.Step(2);

        harness.Buffer.Reset();

        Assert.Equal("-", harness.Pop());
        Assert.Equal(0, harness.Buffer.Statistics.Buffered);
        Assert.Equal(2, harness.Buffer.Statistics.Received);
        harness.SequenceBase = 500;
        Assert.Equal(["-", "-", "500"], new[] { harness.Step(500), harness.Step(501), harness.Step(502) });
    }

    [Fact]
    public void Calls_after_Dispose_throw()
    {
        var buffer = new AudioJitterBuffer(new AudioJitterBufferOptions { TimeProvider = new ManualClock() });
        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.Push(1, 960, new byte[3]));
        Assert.Throws<ObjectDisposedException>(() => buffer.TryPop(out _));
    }
}
