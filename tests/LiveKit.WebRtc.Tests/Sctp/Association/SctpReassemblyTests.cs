using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpReassemblyTests
{
    private const byte B = SctpDataChunk.BeginningFlag;
    private const byte E = SctpDataChunk.EndingFlag;
    private const byte U = SctpDataChunk.UnorderedFlag;

    private readonly SctpReassembly _reassembly = new(1000);
    private readonly List<SctpReceivedMessage> _delivered = new();

    [Fact]
    public void A_single_chunk_message_is_delivered_at_once()
    {
        Assert.True(Add(1, 5, 0, B | E, "hello"));
        SctpReceivedMessage message = Assert.Single(_delivered);
        Assert.Equal(5, message.StreamId);
        Assert.Equal(51u, message.PayloadProtocolId);
        Assert.Equal("hello"u8.ToArray(), message.Data);
        Assert.Equal(0, _reassembly.BytesHeld);
    }

    [Fact]
    public void Fragments_are_joined_in_tsn_order_whatever_order_they_arrive_in()
    {
        Assert.True(Add(12, 1, 0, E, "baz"));
        Assert.True(Add(10, 1, 0, B, "foo"));
        Assert.Empty(_delivered);
        Assert.Equal(6, _reassembly.BytesHeld);
        Assert.True(Add(11, 1, 0, 0, "bar"));
        Assert.Equal("foobarbaz"u8.ToArray(), Assert.Single(_delivered).Data);
        Assert.Equal(0, _reassembly.BytesHeld);
        Assert.Equal(0, _reassembly.FragmentCount);
    }

    [Fact]
    public void Ordered_messages_wait_for_earlier_ones_of_their_stream_only()
    {
        Add(2, 1, 1, B | E, "second");
        Add(3, 2, 0, B | E, "other stream");
        Assert.Equal(new[] { "other stream" }, Texts());
        Assert.Equal(6, _reassembly.BytesHeld);
        Add(1, 1, 0, B | E, "first");
        Assert.Equal(new[] { "other stream", "first", "second" }, Texts());
        Assert.Equal(0, _reassembly.BytesHeld);
    }

    [Fact]
    public void Unordered_messages_overtake_ordered_ones()
    {
        Add(1, 1, 1, B | E, "ordered later");
        Add(2, 1, 0, B | E | U, "unordered");
        Add(4, 1, 0, E | U, "b");
        Add(3, 1, 0, B | U, "a");
        Assert.Equal(new[] { "unordered", "ab" }, Texts());
    }

    [Fact]
    public void Fragments_of_interleaved_unordered_and_ordered_messages_do_not_mix()
    {
        Add(1, 1, 0, B, "o1");
        Add(2, 1, 0, E, "o2");
        Add(3, 1, 0, B | U, "u1");
        Add(5, 1, 1, B, "p1");
        Add(4, 1, 0, E | U, "u2");
        Add(6, 1, 1, E, "p2");
        Assert.Equal(new[] { "o1o2", "u1u2", "p1p2" }, Texts());
    }

    [Fact]
    public void A_message_above_the_limit_is_refused_as_its_fragments_arrive()
    {
        var reassembly = new SctpReassembly(10);
        Assert.False(reassembly.Add(1, 1, 0, 51, (byte)(B | E), new byte[11], _delivered));
        Assert.True(reassembly.Add(2, 1, 0, 51, (byte)(B), new byte[6], _delivered));
        Assert.False(reassembly.Add(3, 1, 0, 51, (byte)(0), new byte[6], _delivered));

        // Out of order, the total is checked when the message completes.
        Assert.True(reassembly.Add(12, 1, 1, 51, (byte)(E), new byte[6], _delivered));
        Assert.False(reassembly.Add(11, 1, 1, 51, (byte)(B), new byte[6], _delivered));
        Assert.Empty(_delivered);
    }

    [Fact]
    public void Forward_tsn_drops_abandoned_fragments_and_unblocks_the_stream()
    {
        Add(1, 1, 0, B, "lost message start");
        Add(3, 1, 1, B | E, "after");
        Add(4, 1, 2, B | E, "after that");
        Add(10, 2, 0, B | U, "unordered start");
        Assert.Empty(_delivered);
        _reassembly.DiscardThrough(2);
        _reassembly.SkipStream(1, 0, _delivered);
        Assert.Equal(new[] { "after", "after that" }, Texts());
        Assert.Equal("unordered start".Length, _reassembly.BytesHeld);
        _reassembly.DiscardThrough(10);
        Assert.Equal(0, _reassembly.BytesHeld);
        Assert.Equal(0, _reassembly.FragmentCount);
    }

    [Fact]
    public void Skipping_a_stream_delivers_the_whole_messages_it_passes_over()
    {
        Add(2, 1, 1, B | E, "one");
        Add(4, 1, 3, B | E, "three");
        Add(5, 1, 4, B | E, "four");
        _reassembly.SkipStream(1, 2, _delivered);
        Assert.Equal(new[] { "one", "three", "four" }, Texts());
        Add(6, 1, 5, B | E, "five");
        Assert.Equal("five", Texts().Last());
    }

    [Fact]
    public void Skipping_backwards_changes_nothing()
    {
        Add(1, 1, 0, B | E, "zero");
        _reassembly.SkipStream(1, 65535, _delivered);
        Add(2, 1, 1, B | E, "one");
        Assert.Equal(new[] { "zero", "one" }, Texts());
    }

    [Fact]
    public void A_reset_stream_starts_again_at_sequence_zero()
    {
        Add(1, 7, 0, B | E, "a");
        Add(2, 7, 1, B | E, "b");
        _reassembly.ResetStream(7);
        Add(3, 7, 0, B | E, "c");
        Assert.Equal(new[] { "a", "b", "c" }, Texts());
    }

    [Fact]
    public void Sequence_numbers_wrap()
    {
        ushort ssn = 0;
        for (uint tsn = 1; tsn <= 70_000; tsn++)
        {
            Assert.True(_reassembly.Add(tsn, 1, ssn++, 51, B | E, [(byte)tsn], _delivered));
        }

        Assert.Equal(70_000, _delivered.Count);
        Assert.Equal(0, _reassembly.BytesHeld);
    }

    [Fact]
    public void Random_orders_reassemble_every_message_exactly_once_in_stream_order()
    {
        var random = new Random(5);
        var reassembly = new SctpReassembly(100_000);
        var chunks = new List<(uint Tsn, ushort Stream, ushort Ssn, byte Flags, byte[] Payload)>();
        var expected = new Dictionary<ushort, List<byte[]>>();
        var ssns = new ushort[4];
        uint nextTsn = 1000;
        for (int m = 0; m < 300; m++)
        {
            bool unordered = random.Next(4) == 0;
            ushort stream = unordered ? (ushort)4 : (ushort)random.Next(4);
            byte[] message = new byte[random.Next(1, 5000)];
            random.NextBytes(message);
            ushort ssn = unordered ? (ushort)0 : ssns[stream]++;
            if (!unordered)
            {
                (expected.TryGetValue(stream, out List<byte[]>? list) ? list : expected[stream] = new()).Add(message);
            }

            for (int offset = 0; offset < message.Length; offset += 1000)
            {
                byte flags = (byte)((offset == 0 ? B : 0) | (offset + 1000 >= message.Length ? E : 0) | (unordered ? U : 0));
                chunks.Add((nextTsn++, stream, ssn, flags, message[offset..Math.Min(message.Length, offset + 1000)]));
            }
        }

        // Arrival order: shuffled within windows of 50 chunks.
        var order = chunks.Select((c, i) => (c, key: i + random.Next(50))).OrderBy(x => x.key).Select(x => x.c).ToList();
        foreach (var c in order)
        {
            Assert.True(reassembly.Add(c.Tsn, c.Stream, c.Ssn, 51, c.Flags, c.Payload, _delivered));
        }

        Assert.Equal(300, _delivered.Count);
        foreach ((ushort stream, List<byte[]> messages) in expected)
        {
            Assert.Equal(messages, _delivered.Where(d => d.StreamId == stream).Select(d => d.Data));
        }

        Assert.Equal(300 - expected.Values.Sum(m => m.Count), _delivered.Count(d => d.StreamId == 4));
        Assert.Equal(0, reassembly.BytesHeld);
    }

    private bool Add(uint tsn, ushort stream, ushort ssn, int flags, string text) =>
        _reassembly.Add(tsn, stream, ssn, 51, (byte)flags, System.Text.Encoding.UTF8.GetBytes(text), _delivered);

    private string[] Texts() => _delivered.Select(d => System.Text.Encoding.UTF8.GetString(d.Data)).ToArray();
}
