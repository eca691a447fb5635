using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpReceivedTsnTrackerTests
{
    [Fact]
    public void In_order_tsns_advance_the_cumulative_tsn()
    {
        var tracker = new SctpReceivedTsnTracker(100);
        Assert.Equal(99u, tracker.CumulativeTsn);
        for (uint tsn = 100; tsn < 110; tsn++)
        {
            Assert.Equal(SctpTsnArrival.New, tracker.Observe(tsn));
        }

        Assert.Equal(109u, tracker.CumulativeTsn);
        Assert.False(tracker.HasGaps);
    }

    [Fact]
    public void Out_of_order_tsns_become_gap_blocks_relative_to_the_cumulative_tsn()
    {
        var tracker = new SctpReceivedTsnTracker(100);
        tracker.Observe(100);
        tracker.Observe(102);
        tracker.Observe(103);
        tracker.Observe(106);
        Assert.Equal(100u, tracker.CumulativeTsn);
        Assert.Equal(2, tracker.GapBlockCount);
        Assert.Equal(((ushort)2, (ushort)3), tracker.GetGapBlock(0));
        Assert.Equal(((ushort)6, (ushort)6), tracker.GetGapBlock(1));
        Assert.Equal(106u, tracker.HighestReceived);
    }

    [Fact]
    public void Filling_holes_merges_blocks_into_the_cumulative_tsn()
    {
        var tracker = new SctpReceivedTsnTracker(1);
        foreach (uint tsn in new uint[] { 5, 3, 7, 4, 9, 8 })
        {
            Assert.Equal(SctpTsnArrival.New, tracker.Observe(tsn));
        }

        Assert.Equal(0u, tracker.CumulativeTsn);
        Assert.Equal(new[] { ((ushort)3, (ushort)5), ((ushort)7, (ushort)9) }, Enumerable.Range(0, tracker.GapBlockCount).Select(tracker.GetGapBlock));
        tracker.Observe(1);
        tracker.Observe(2);
        Assert.Equal(5u, tracker.CumulativeTsn);
        tracker.Observe(6);
        Assert.Equal(9u, tracker.CumulativeTsn);
        Assert.False(tracker.HasGaps);
    }

    [Fact]
    public void Duplicates_are_reported_once_each_until_cleared()
    {
        var tracker = new SctpReceivedTsnTracker(10);
        tracker.Observe(10);
        tracker.Observe(12);
        Assert.Equal(SctpTsnArrival.Duplicate, tracker.Observe(10));
        Assert.Equal(SctpTsnArrival.Duplicate, tracker.Observe(12));
        Assert.Equal(SctpTsnArrival.Duplicate, tracker.Observe(3));
        Assert.Equal(new uint[] { 10, 12, 3 }, tracker.Duplicates.ToArray());
        tracker.ClearDuplicates();
        Assert.True(tracker.Duplicates.IsEmpty);
        Assert.True(tracker.Contains(12));
        Assert.False(tracker.Contains(11));
    }

    [Fact]
    public void Tsns_beyond_the_reach_of_a_gap_block_are_refused()
    {
        var tracker = new SctpReceivedTsnTracker(0);
        Assert.Equal(SctpTsnArrival.OutOfWindow, tracker.Observe(70_000));
        Assert.Equal(SctpTsnArrival.OutOfWindow, tracker.Observe(65_535));
        Assert.Equal(SctpTsnArrival.New, tracker.Observe(65_534));
        Assert.Equal(((ushort)65_535, (ushort)65_535), tracker.GetGapBlock(0));
    }

    [Fact]
    public void Serial_arithmetic_carries_across_the_wrap()
    {
        var tracker = new SctpReceivedTsnTracker(uint.MaxValue - 1);
        tracker.Observe(uint.MaxValue - 1);
        tracker.Observe(1);
        Assert.Equal(((ushort)3, (ushort)3), tracker.GetGapBlock(0));
        tracker.Observe(uint.MaxValue);
        tracker.Observe(0);
        Assert.Equal(1u, tracker.CumulativeTsn);
        Assert.Equal(SctpTsnArrival.Duplicate, tracker.Observe(uint.MaxValue));
    }

    [Fact]
    public void Forward_tsn_skips_ahead_and_absorbs_blocks_it_reaches()
    {
        var tracker = new SctpReceivedTsnTracker(1);
        tracker.Observe(1);
        tracker.Observe(5);
        tracker.Observe(6);
        tracker.Observe(9);
        Assert.True(tracker.ForwardTo(4));
        Assert.Equal(6u, tracker.CumulativeTsn);
        Assert.Equal(1, tracker.GapBlockCount);
        Assert.Equal(((ushort)3, (ushort)3), tracker.GetGapBlock(0));
        Assert.False(tracker.ForwardTo(5));
        Assert.True(tracker.ForwardTo(12));
        Assert.Equal(12u, tracker.CumulativeTsn);
        Assert.False(tracker.HasGaps);
        Assert.Equal(SctpTsnArrival.Duplicate, tracker.Observe(11));
    }

    [Fact]
    public void Random_arrival_orders_end_with_everything_cumulative()
    {
        var random = new System.Random(7);
        for (int round = 0; round < 50; round++)
        {
            uint start = (uint)random.Next() * 2;
            var tracker = new SctpReceivedTsnTracker(start);
            uint[] order = Enumerable.Range(0, 500).Select(i => start + (uint)i).OrderBy(_ => random.Next()).ToArray();
            foreach (uint tsn in order)
            {
                Assert.Equal(SctpTsnArrival.New, tracker.Observe(tsn));
                for (int i = 1; i < tracker.GapBlockCount; i++)
                {
                    Assert.True(tracker.GetGapBlock(i).Start > tracker.GetGapBlock(i - 1).End + 1);
                }
            }

            Assert.Equal(start + 499, tracker.CumulativeTsn);
            Assert.False(tracker.HasGaps);
        }
    }
}
