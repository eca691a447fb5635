using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>The C# message generator against its pinned values (the Go and JavaScript ones are checked by the interop harness).</summary>
public sealed class MessageShapeTests
{
    [Fact]
    public void Mulberry32_from_zero_gives_the_published_outputs()
    {
        uint state = 0;
        uint[] outputs = Enumerable.Range(0, 4).Select(_ => MessageShape.Next(ref state)).ToArray();

        Assert.Equal(MessageGeneratorPins.Mulberry32FromZero, outputs);
    }

    [Fact]
    public void A_message_is_its_generators_outputs_after_the_size_pick_little_endian()
    {
        Assert.Equal(MessageGeneratorPins.TinyMessageZero, MessageGeneratorPins.Tiny.Create(0));
    }

    public static TheoryData<string> PinnedShapes() => new() { nameof(MessageGeneratorPins.Bulk), nameof(MessageGeneratorPins.Tagged), nameof(MessageGeneratorPins.OneByte) };

    [Theory]
    [MemberData(nameof(PinnedShapes))]
    public void The_first_messages_have_the_pinned_sizes_and_hashes(string name)
    {
        (MessageShape shape, IReadOnlyList<(int Size, uint Fnv)> pinned) = Pinned(name);

        for (uint i = 0; i < pinned.Count; i++)
        {
            byte[] message = shape.Create(i);
            Assert.Equal(pinned[(int)i].Size, message.Length);
            Assert.Equal(pinned[(int)i].Fnv, MessageShape.Fnv1a(message));
            Assert.Equal(message.Length, shape.SizeOf(i));
            Assert.True(shape.Matches(i, message));
        }
    }

    [Fact]
    public void Tagged_messages_start_with_their_index()
    {
        MessageShape shape = MessageGeneratorPins.Tagged;
        byte[] message = shape.Create(0x01020304);

        Assert.Equal(new byte[] { 4, 3, 2, 1 }, message[..4]);
        Assert.InRange(message.Length, 4, 1000);
    }

    [Fact]
    public void Write_fills_a_span_and_refuses_one_too_small()
    {
        MessageShape shape = MessageGeneratorPins.Bulk;
        byte[] buffer = new byte[65536];

        int size = shape.Write(3, buffer);

        Assert.Equal(shape.Create(3), buffer[..size]);
        Assert.Throws<ArgumentException>(() => shape.Write(3, new byte[size - 1]));
    }

    [Fact]
    public void Matches_rejects_a_changed_byte_a_cut_message_and_another_index()
    {
        MessageShape shape = MessageGeneratorPins.Bulk;
        byte[] message = shape.Create(2);

        Assert.False(shape.Matches(2, message.AsSpan(0, message.Length - 1)));
        Assert.False(shape.Matches(1, message));
        message[^1] ^= 1;
        Assert.False(shape.Matches(2, message));
    }

    [Fact]
    public void Sizes_stay_within_the_bounds()
    {
        var shape = new MessageShape(7, 10, 20);
        int[] sizes = Enumerable.Range(0, 2000).Select(i => shape.SizeOf((uint)i)).ToArray();

        Assert.All(sizes, s => Assert.InRange(s, 10, 20));
        Assert.Equal(11, sizes.Distinct().Count());
    }

    [Fact]
    public void Bad_bounds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageShape(0, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageShape(0, 10, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageShape(0, 3, 10, tagged: true));
    }

    private static (MessageShape, IReadOnlyList<(int, uint)>) Pinned(string name) => name switch
    {
        nameof(MessageGeneratorPins.Bulk) => (MessageGeneratorPins.Bulk, MessageGeneratorPins.BulkFirst),
        nameof(MessageGeneratorPins.Tagged) => (MessageGeneratorPins.Tagged, MessageGeneratorPins.TaggedFirst),
        _ => (MessageGeneratorPins.OneByte, MessageGeneratorPins.OneByteFirst),
    };
}
