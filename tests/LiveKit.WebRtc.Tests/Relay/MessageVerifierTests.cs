using System;
using Xunit;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>The verifier that every data channel test uses on our side (peer.js and verify.go count the same way).</summary>
public sealed class MessageVerifierTests
{
    private static readonly MessageShape Untagged = new(42, 1, 300);
    private static readonly MessageShape Tagged = new(42, 4, 300, tagged: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void All_messages_in_order_are_complete_and_in_order(bool tagged)
    {
        MessageShape shape = tagged ? Tagged : Untagged;
        var verifier = new MessageVerifier(shape, 100);

        for (uint i = 0; i < 100; i++)
        {
            Assert.Equal(i, verifier.Accept(shape.Create(i)));
        }

        Assert.True(verifier.IsCompleteAndInOrder, verifier.ToString());
        Assert.True(verifier.ToReport().IsCompleteAndInOrder);
        Assert.Equal(0, verifier.ToReport().Lost);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_swapped_pair_counts_one_out_of_order(bool tagged)
    {
        MessageShape shape = tagged ? Tagged : Untagged;
        var verifier = new MessageVerifier(shape, 4);

        foreach (uint i in new uint[] { 0, 2, 1, 3 })
        {
            verifier.Accept(shape.Create(i));
        }

        Assert.Equal(1, verifier.OutOfOrder);
        Assert.Equal(4, verifier.Distinct);
        Assert.Equal(0, verifier.Mismatches);
        Assert.False(verifier.IsCompleteAndInOrder);
        Assert.Contains("index 1, after index 2", verifier.FirstProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_repeat_counts_as_a_duplicate(bool tagged)
    {
        MessageShape shape = tagged ? Tagged : Untagged;
        var verifier = new MessageVerifier(shape, 3);

        foreach (uint i in new uint[] { 0, 1, 1, 2 })
        {
            verifier.Accept(shape.Create(i));
        }

        Assert.Equal(1, verifier.Duplicates);
        Assert.Equal(3, verifier.Distinct);
        Assert.Equal(4, verifier.Received);
        Assert.False(verifier.ToReport().IsIntactWithoutDuplicates);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_corrupt_message_is_a_mismatch_and_a_lost_one_is_missing(bool tagged)
    {
        MessageShape shape = tagged ? Tagged : Untagged;
        var verifier = new MessageVerifier(shape, 4);
        byte[] corrupt = shape.Create(1);
        corrupt[^1] ^= 0x80;

        verifier.Accept(shape.Create(0));
        Assert.Equal(-1, verifier.Accept(corrupt));
        verifier.Accept(shape.Create(3));

        Assert.Equal(1, verifier.Mismatches);
        MessageReport report = verifier.ToReport();
        Assert.Equal(2, report.Lost);
        Assert.NotEqual("", report.FirstProblem);
    }

    [Fact]
    public void Lost_messages_of_a_tagged_stream_leave_the_rest_intact()
    {
        var verifier = new MessageVerifier(Tagged, 10);

        foreach (uint i in new uint[] { 0, 2, 5, 9 })
        {
            verifier.Accept(Tagged.Create(i));
        }

        MessageReport report = verifier.ToReport();
        Assert.True(report.IsIntactWithoutDuplicates, report.ToString());
        Assert.Equal(6, report.Lost);
        Assert.Equal(0, report.OutOfOrder);
    }

    [Fact]
    public void Messages_beyond_the_count_are_unknown()
    {
        var tagged = new MessageVerifier(Tagged, 2);
        tagged.Accept(Tagged.Create(5));
        var untagged = new MessageVerifier(Untagged, 1);
        untagged.Accept(Untagged.Create(0));
        untagged.Accept(Untagged.Create(1));

        Assert.Equal(1, tagged.Unknown);
        Assert.Equal(1, untagged.Unknown);
    }

    [Fact]
    public void The_stall_measure_counts_arrivals_inside_long_gaps_only()
    {
        TimeSpan[] reliable = [Ms(0), Ms(1), Ms(2), Ms(100), Ms(101), Ms(300)];
        TimeSpan[] lossy = [Ms(0.5), Ms(10), Ms(50), Ms(100.5), Ms(150), Ms(200), Ms(400)];

        (int stalls, int during) = StallMeasure.Count(reliable, lossy, TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, stalls);
        Assert.Equal(4, during);
    }

    [Fact]
    public void A_stall_outside_the_other_channels_activity_does_not_count()
    {
        TimeSpan[] reliable = [Ms(0), Ms(1), Ms(200), Ms(201), Ms(400)];
        TimeSpan[] lossy = [Ms(150), Ms(300)];

        // (1, 200) began before the first lossy arrival; (201, 400) ended after the last one.
        Assert.Equal((0, 0), StallMeasure.Count(reliable, lossy, TimeSpan.FromMilliseconds(50)));
        Assert.Equal((0, 0), StallMeasure.Count(reliable, [], TimeSpan.FromMilliseconds(50)));
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
