using System;
using LiveKit.WebRtc.DataChannels;
using Xunit;

namespace LiveKit.WebRtc.Tests.DataChannels;

public class DcepMessageTests
{
    [Theory]
    [InlineData(true, null, null)]
    [InlineData(false, 0, null)]
    [InlineData(false, 7, null)]
    [InlineData(true, null, 1500u)]
    public void Open_round_trips(bool ordered, int? maxRetransmits, uint? lifetimeMs)
    {
        var open = new DcepOpen("chat ✓", "json", ordered, maxRetransmits, lifetimeMs, 512);
        byte[] buffer = new byte[DcepMessage.OpenSize(open.Label, open.Protocol)];

        int written = DcepMessage.WriteOpen(buffer, open);

        Assert.Equal(buffer.Length, written);
        Assert.True(DcepMessage.TryParseOpen(buffer, out DcepOpen parsed));
        Assert.Equal(open, parsed);
    }

    [Fact]
    public void Open_matches_the_rfc_8832_layout()
    {
        // RFC 8832 §5.1: type 0x03, channel type 0x81 (partial reliable rexmit, unordered), priority 256,
        // reliability 0, label length 6, protocol length 0, "_lossy".
        byte[] expected = Convert.FromHexString("0381010000000000000600005F6C6F737379");
        var open = new DcepOpen("_lossy", "", Ordered: false, MaxRetransmits: 0, MaxPacketLifeTimeMilliseconds: null, Priority: 256);
        byte[] buffer = new byte[DcepMessage.OpenSize(open.Label, open.Protocol)];

        DcepMessage.WriteOpen(buffer, open);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("02")]
    [InlineData("0300010000000000000100006162")] // label length 1 + protocol 0 = 13 bytes, but 14 present
    [InlineData("0303010000000000000000")] // short
    [InlineData("030301000000000000000000")] // channel type 3 is not defined
    [InlineData("0300010000000000000500006162")] // label length past the end
    public void Malformed_open_is_refused(string hex)
    {
        Assert.False(DcepMessage.TryParseOpen(Convert.FromHexString(hex), out _));
    }

    [Theory]
    [InlineData(DataChannelPriority.VeryLow, 128)]
    [InlineData(DataChannelPriority.Low, 256)]
    [InlineData(DataChannelPriority.Medium, 512)]
    [InlineData(DataChannelPriority.High, 1024)]
    public void Priorities_map_both_ways(DataChannelPriority priority, ushort wire)
    {
        Assert.Equal(wire, DataChannelPriorities.ToWire(priority));
        Assert.Equal(priority, DataChannelPriorities.FromWire(wire));
    }

    [Fact]
    public void Seeded_mutations_never_throw()
    {
        var random = new Random(8832);
        int parsed = 0;
        for (int i = 0; i < 100_000; i++)
        {
            string label = new string('a', random.Next(20));
            var open = new DcepOpen(label, random.Next(2) == 0 ? "" : "p", random.Next(2) == 0, null, null, 256);
            byte[] message = new byte[DcepMessage.OpenSize(open.Label, open.Protocol)];
            DcepMessage.WriteOpen(message, open);
            int length = message.Length;
            switch (random.Next(3))
            {
                case 0:
                    message[random.Next(message.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    length = random.Next(message.Length);
                    break;
            }

            if (DcepMessage.TryParseOpen(message.AsSpan(0, length), out _))
            {
                parsed++;
            }
        }

        Assert.InRange(parsed, 1, 99_999);
    }
}
