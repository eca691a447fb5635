using Xunit;

namespace LiveKit.Rtc.Tests.Connection;

public sealed class ReliableSequenceFilterTests
{
    [Fact]
    public void Each_sender_has_its_own_sequence_and_repeats_are_dropped_and_counted()
    {
        var filter = new ReliableSequenceFilter();

        Assert.True(filter.Accept("PA_a", 1));
        Assert.True(filter.Accept("PA_a", 2));
        Assert.True(filter.Accept("PA_b", 1));
        Assert.False(filter.Accept("PA_a", 2));
        Assert.False(filter.Accept("PA_a", 1));
        Assert.True(filter.Accept("PA_a", 5));

        Assert.Equal(2, filter.Dropped);
        Assert.Equal(5u, filter.LastBySender["PA_a"]);
        Assert.Equal(1u, filter.LastBySender["PA_b"]);
    }

    [Fact]
    public void Packets_without_a_sequence_or_a_sender_always_pass()
    {
        var filter = new ReliableSequenceFilter();
        Assert.True(filter.Accept("PA_a", 3));

        Assert.True(filter.Accept("PA_a", 0));
        Assert.True(filter.Accept("", 1));
        Assert.True(filter.Accept("", 1));
        Assert.Equal(0, filter.Dropped);
    }

    [Fact]
    public void Clear_forgets_every_sender()
    {
        var filter = new ReliableSequenceFilter();
        filter.Accept("PA_a", 9);

        filter.Clear();

        Assert.True(filter.Accept("PA_a", 1));
    }
}
