using System;
using System.Collections.Generic;
using LiveKit.Testing.Media;
using Xunit;

namespace LiveKit.Testing.Tests.Media;

public sealed class SimulcastSelectorTests
{
    private static readonly string[] Rids = { "q", "h", "f" };
    private static readonly long Ms = TimeProvider.System.TimestampFrequency / 1000;

    private readonly List<uint> _keyFrameRequests = new();

    [Fact]
    public void Nothing_passes_before_a_key_frame_of_the_best_flowing_layer_which_is_then_forwarded_alone()
    {
        var selector = new SimulcastSelector(Rids, TimeProvider.System, _keyFrameRequests.Add);

        Assert.False(selector.TrySelect(Packet("q", 100, 1000, 10, at: 1, key: false), out _, out _)); // not a key frame
        Assert.Equal(new uint[] { 1000 }, _keyFrameRequests); // so it asks q, the best flowing layer, for one
        Assert.True(selector.TrySelect(Packet("q", 101, 1000, 11, at: 2, key: true), out ushort sequence, out _));
        Assert.Equal(101, sequence);

        // f appears: q keeps flowing until f's key frame, then only f.
        Assert.False(selector.TrySelect(Packet("f", 500, 3000, 90_000, at: 3, key: false), out _, out _));
        Assert.Contains(3000u, _keyFrameRequests);
        Assert.True(selector.TrySelect(Packet("q", 102, 1000, 3010, at: 4, key: false), out sequence, out _));
        Assert.Equal(102, sequence);
        Assert.True(selector.TrySelect(Packet("f", 501, 3000, 93_000, at: 70, key: true), out sequence, out uint timestamp));
        Assert.Equal(103, sequence); // continuous across the switch
        Assert.True(timestamp > 3010);
        Assert.False(selector.TrySelect(Packet("q", 103, 1000, 6010, at: 71, key: false), out _, out _));
        Assert.True(selector.TrySelect(Packet("f", 502, 3000, 96_000, at: 72, key: false), out sequence, out uint next));
        Assert.Equal(104, sequence);
        Assert.Equal(3000u, next - timestamp);
        Assert.Equal(3000u, selector.CurrentSsrc);
        Assert.Equal(502, selector.ToLayerSequence(104));
    }

    [Fact]
    public void A_layer_that_goes_silent_gives_way_to_a_lower_one_at_its_key_frame()
    {
        var selector = new SimulcastSelector(Rids, TimeProvider.System, _keyFrameRequests.Add);
        Assert.True(selector.TrySelect(Packet("h", 10, 2000, 0, at: 1, key: true), out _, out _));
        Assert.False(selector.TrySelect(Packet("q", 50, 1000, 0, at: 2, key: true), out _, out _));

        // h stops; 1.5 s later q is the best flowing layer and takes over at its next key frame.
        Assert.False(selector.TrySelect(Packet("q", 51, 1000, 135_000, at: 1500, key: false), out _, out _));
        Assert.Contains(1000u, _keyFrameRequests);
        Assert.True(selector.TrySelect(Packet("q", 52, 1000, 138_000, at: 1501, key: true), out ushort sequence, out _));
        Assert.Equal(11, sequence);
        Assert.Equal(1000u, selector.CurrentSsrc);
    }

    [Fact]
    public void Packets_without_a_known_layer_are_not_forwarded()
    {
        var selector = new SimulcastSelector(Rids, TimeProvider.System, _keyFrameRequests.Add);
        Assert.False(selector.TrySelect(Packet(null, 1, 1, 0, at: 1, key: true), out _, out _));
        Assert.False(selector.TrySelect(Packet("x", 1, 1, 0, at: 1, key: true), out _, out _));
        Assert.Null(selector.CurrentSsrc);
    }

    private static RtpPacketInfo Packet(string? rid, ushort sequence, uint ssrc, uint timestamp, long at, bool key) =>
        new(rid, ssrc, sequence, timestamp, at * Ms, key);
}
