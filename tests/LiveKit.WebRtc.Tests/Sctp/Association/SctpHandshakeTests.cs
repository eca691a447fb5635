using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;
using static LiveKit.WebRtc.Tests.Sctp.Association.SctpAssociationAssertions;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>Two associations on a manual clock: establishment, INIT collisions, INITs before start, INIT retransmission limits.</summary>
public class SctpHandshakeTests
{
    [Fact]
    public void One_side_starting_establishes_both()
    {
        using var link = new SctpTestLink();
        link.A.Start();
        Assert.True(link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute));
        Assert.Equal(SctpAssociationState.Established, link.A.State);
        Assert.Equal(SctpAssociationState.Established, link.B.State);
    }

    [Fact]
    public void Both_sides_starting_at_once_establish_one_association()
    {
        using var link = new SctpTestLink();
        link.A.Start();
        link.B.Start();
        Assert.True(link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute));

        // Nothing further happens: no second establishment, and data flows on the agreed tags.
        link.Run(() => false, TimeSpan.FromSeconds(5));
        Assert.Equal(1, link.HandlerA.EstablishedCount);
        Assert.Equal(1, link.HandlerB.EstablishedCount);
        AssertRoundTrip(link);
        Assert.Equal(0, link.A.GetStats().Dropped[SctpDropReason.BadVerificationTag]);
        Assert.Equal(0, link.B.GetStats().Dropped[SctpDropReason.BadVerificationTag]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Init_collision_with_loss_and_reordering_still_establishes(int seed)
    {
        using var link = new SctpTestLink(seed) { DropRate = 0.3, ReorderRate = 0.5, DuplicateRate = 0.2 };
        link.A.Start();
        link.Pump(limit: seed % 3);
        link.B.Start();
        Assert.True(link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute));
        link.DropRate = 0;
        link.ReorderRate = 0;
        link.DuplicateRate = 0;
        link.Run(() => false, TimeSpan.FromSeconds(2));
        AssertRoundTrip(link);
        Assert.Equal(1, link.HandlerA.EstablishedCount);
        Assert.Equal(1, link.HandlerB.EstablishedCount);
    }

    [Fact]
    public void Init_collisions_resolve_under_many_random_schedules()
    {
        for (int seed = 100; seed < 300; seed++)
        {
            using var link = new SctpTestLink(seed) { DropRate = 0.15, ReorderRate = 0.5, DuplicateRate = 0.1 };
            var random = new Random(seed);
            link.A.Start();
            link.Pump(limit: random.Next(3));
            link.Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 1500)));
            link.B.Start();
            Assert.True(
                link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute),
                $"seed {seed}: A {link.A.State}, B {link.B.State}");
            link.DropRate = 0;
            link.ReorderRate = 0;
            link.DuplicateRate = 0;
            link.Run(() => false, TimeSpan.FromSeconds(3));
            AssertRoundTrip(link);
            Assert.Equal(1, link.HandlerA.EstablishedCount);
            Assert.Equal(1, link.HandlerB.EstablishedCount);
        }
    }

    [Fact]
    public void An_init_arriving_before_start_is_answered()
    {
        using var link = new SctpTestLink();
        link.B.Start();
        Assert.True(link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute));
        link.A.Start();
        link.Run(() => false, TimeSpan.FromSeconds(1));
        Assert.Equal(1, link.HandlerA.EstablishedCount);
        AssertRoundTrip(link);
    }

    [Fact]
    public void Start_after_the_peer_init_was_answered_collides_cleanly()
    {
        using var link = new SctpTestLink();
        link.B.Start();
        link.Pump(limit: 1);   // A answers B's INIT statelessly; B's COOKIE ECHO is now queued.
        link.A.Start();        // A's INIT (same tag as its INIT ACK) crosses it.
        Assert.True(link.Run(() => link.HandlerA.EstablishedCount == 1 && link.HandlerB.EstablishedCount == 1, Minute));
        AssertRoundTrip(link);
    }

    [Fact]
    public void An_unanswered_init_fails_after_max_init_retransmissions()
    {
        using var link = new SctpTestLink { DropRate = 1 };
        link.A.Start();
        Assert.True(link.Run(() => link.HandlerA.ClosedCount == 1, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(100)));
        Assert.Equal(SctpCloseReason.Failed, link.HandlerA.CloseReason);
        Assert.Equal(SctpAssociationState.Closed, link.A.State);
    }
}
