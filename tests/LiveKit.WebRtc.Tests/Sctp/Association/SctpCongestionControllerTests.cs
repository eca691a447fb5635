using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpCongestionControllerTests
{
    private const int Mtu = 1200;

    [Theory]
    [InlineData(1200, 4404)]
    [InlineData(1500, 4404)]
    [InlineData(9000, 18000)]
    [InlineData(1000, 4000)]
    public void The_initial_window_follows_rfc_9260(int mtu, int expected)
    {
        // §7.2.1: min(4 * MTU, max(2 * MTU, 4404)).
        Assert.Equal(expected, SctpCongestionController.InitialWindow(mtu));
        Assert.Equal(expected, new SctpCongestionController(mtu, 100_000).Cwnd);
    }

    [Fact]
    public void Slow_start_grows_by_at_most_one_mtu_per_sack_while_the_window_is_used()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        int cwnd = cc.Cwnd;
        cc.OnSack(10, cumulativeAdvanced: true, bytesAcked: 3000, flightBefore: cwnd, flightAfter: cwnd - 3000);
        Assert.Equal(cwnd + Mtu, cc.Cwnd);

        cwnd = cc.Cwnd;
        cc.OnSack(11, cumulativeAdvanced: true, bytesAcked: 500, flightBefore: cwnd, flightAfter: cwnd - 500);
        Assert.Equal(cwnd + 500, cc.Cwnd);
    }

    [Fact]
    public void The_window_does_not_grow_when_it_was_not_used_or_nothing_new_was_acknowledged()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        int cwnd = cc.Cwnd;
        cc.OnSack(10, cumulativeAdvanced: true, bytesAcked: 1000, flightBefore: 1000, flightAfter: 0);
        cc.OnSack(10, cumulativeAdvanced: false, bytesAcked: 1000, flightBefore: cwnd, flightAfter: cwnd - 1000);
        Assert.Equal(cwnd, cc.Cwnd);
    }

    [Fact]
    public void Congestion_avoidance_adds_one_mtu_per_window_of_acknowledged_bytes()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        Assert.True(cc.OnFastRetransmit(100));
        cc.OnSack(100, true, 0, 0, 0);
        Assert.False(cc.InFastRecovery);
        int cwnd = cc.Cwnd;

        // Push cwnd above ssthresh first (cwnd == ssthresh is still slow start).
        cc.OnSack(101, true, 1200, cwnd, cwnd - 1200);
        cwnd = cc.Cwnd;
        Assert.True(cwnd > cc.Ssthresh);
        int acked = 0;
        uint tsn = 102;
        while (acked + 1000 < cwnd)
        {
            cc.OnSack(tsn++, true, 1000, cwnd, cwnd - 1000);
            acked += 1000;
            Assert.Equal(cwnd, cc.Cwnd);
        }

        cc.OnSack(tsn, true, 1000, cwnd, cwnd - 1000);
        Assert.Equal(cwnd + Mtu, cc.Cwnd);
        Assert.Equal(acked + 1000 - cwnd, cc.PartialBytesAcked);
    }

    [Fact]
    public void Fast_retransmit_halves_the_window_once_per_recovery()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        for (uint i = 0; i < 40; i++)
        {
            cc.OnSack(i, true, Mtu, cc.Cwnd, cc.Cwnd - Mtu);
        }

        int cwnd = cc.Cwnd;
        Assert.True(cc.OnFastRetransmit(500));
        Assert.Equal(cwnd / 2, cc.Cwnd);
        Assert.Equal(cwnd / 2, cc.Ssthresh);
        Assert.True(cc.InFastRecovery);
        Assert.False(cc.OnFastRetransmit(600));
        Assert.Equal(cwnd / 2, cc.Cwnd);

        // No growth during recovery; it ends when the exit point is acknowledged.
        cc.OnSack(499, true, Mtu, cc.Cwnd, cc.Cwnd);
        Assert.Equal(cwnd / 2, cc.Cwnd);
        Assert.True(cc.InFastRecovery);
        cc.OnSack(500, true, Mtu, cc.Cwnd, cc.Cwnd);
        Assert.False(cc.InFastRecovery);
    }

    [Fact]
    public void A_retransmission_timeout_collapses_the_window_to_one_mtu()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        for (uint i = 0; i < 20; i++)
        {
            cc.OnSack(i, true, Mtu, cc.Cwnd, cc.Cwnd - Mtu);
        }

        int cwnd = cc.Cwnd;
        cc.OnFastRetransmit(100);
        cc.OnRetransmissionTimeout();
        Assert.Equal(Mtu, cc.Cwnd);
        Assert.Equal(System.Math.Max(cwnd / 4, 4 * Mtu), cc.Ssthresh);
        Assert.False(cc.InFastRecovery);
    }

    [Fact]
    public void The_slow_start_threshold_never_drops_below_four_mtus()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        cc.OnRetransmissionTimeout();
        cc.OnRetransmissionTimeout();
        Assert.Equal(4 * Mtu, cc.Ssthresh);
        Assert.Equal(Mtu, cc.Cwnd);
    }

    [Fact]
    public void An_idle_window_shrinks_but_never_grows()
    {
        var cc = new SctpCongestionController(Mtu, 1_000_000);
        for (uint i = 0; i < 30; i++)
        {
            cc.OnSack(i, true, Mtu, cc.Cwnd, cc.Cwnd - Mtu);
        }

        int cwnd = cc.Cwnd;
        cc.OnIdle();
        Assert.Equal(System.Math.Max(cwnd / 2, 4 * Mtu), cc.Cwnd);
        cc.OnRetransmissionTimeout();
        cc.OnIdle();
        Assert.Equal(Mtu, cc.Cwnd);
    }
}
