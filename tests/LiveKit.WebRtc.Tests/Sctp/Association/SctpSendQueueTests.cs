using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpSendQueueTests
{
    private readonly SctpSendQueue _queue = new();

    internal static SctpOutboundMessage Message(ushort stream, int length, bool unordered = false, int? maxRetransmits = null, long expiresAt = long.MaxValue)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)i;
        }

        return new SctpOutboundMessage(stream, 51, payload, unordered, maxRetransmits, expiresAt);
    }

    [Fact]
    public void A_message_is_cut_into_chunks_of_at_most_the_given_size_with_b_and_e_flags()
    {
        _queue.Enqueue(Message(1, 2500));
        var chunks = new List<(int Offset, int Length, byte Flags)>();
        while (_queue.TryNextChunk(1000, 0, out SctpOutboundMessage message, out int offset, out int length, out byte flags))
        {
            chunks.Add((offset, length, flags));
        }

        Assert.Equal(
            new[] { (0, 1000, SctpDataChunk.BeginningFlag), (1000, 1000, (byte)0), (2000, 500, SctpDataChunk.EndingFlag) },
            chunks);
        Assert.False(_queue.HasData);
    }

    [Fact]
    public void Ordered_messages_get_consecutive_sequence_numbers_per_stream_and_unordered_ones_none()
    {
        _queue.Enqueue(Message(1, 10));
        _queue.Enqueue(Message(2, 10));
        _queue.Enqueue(Message(1, 10, unordered: true));
        _queue.Enqueue(Message(1, 10));
        var seen = new List<(ushort Stream, ushort Ssn, bool Unordered)>();
        while (_queue.TryNextChunk(1000, 0, out SctpOutboundMessage message, out _, out _, out byte flags))
        {
            Assert.Equal((byte)(SctpDataChunk.BeginningFlag | SctpDataChunk.EndingFlag), (byte)(flags & 3));
            seen.Add((message.StreamId, message.Ssn, (flags & SctpDataChunk.UnorderedFlag) != 0));
        }

        Assert.Contains(((ushort)1, (ushort)0, false), seen);
        Assert.Contains(((ushort)1, (ushort)1, false), seen);
        Assert.Contains(((ushort)2, (ushort)0, false), seen);
        Assert.Single(seen, s => s.Unordered);
    }

    [Fact]
    public void Streams_take_turns_one_whole_message_at_a_time()
    {
        for (int i = 0; i < 3; i++)
        {
            _queue.Enqueue(Message(1, 1500));
        }

        _queue.Enqueue(Message(2, 10));
        var streams = new List<ushort>();
        while (_queue.TryNextChunk(1000, 0, out SctpOutboundMessage message, out _, out _, out _))
        {
            streams.Add(message.StreamId);
        }

        // Stream 1's first message in two chunks, then stream 2, then the rest of stream 1.
        Assert.Equal(new ushort[] { 1, 1, 2, 1, 1, 1, 1 }, streams);
    }

    [Fact]
    public void Buffered_amount_counts_queued_bytes_until_released()
    {
        SctpOutboundMessage message = Message(3, 1000);
        _queue.Enqueue(message);
        Assert.Equal(1000, _queue.GetBufferedAmount(3));
        _queue.TryNextChunk(600, 0, out _, out _, out _, out _);
        Assert.Equal(1000, _queue.GetBufferedAmount(3));
        _queue.Release(message, 600);
        Assert.Equal(400, _queue.GetBufferedAmount(3));
        Assert.Equal(new ushort[] { 3 }, _queue.Decreased);
        _queue.ClearDecreased();
        Assert.Empty(_queue.Decreased);
        Assert.Equal(400, _queue.TotalBuffered);
    }

    [Fact]
    public void A_message_past_its_lifetime_before_being_sent_is_dropped_without_using_a_sequence_number()
    {
        _queue.Enqueue(Message(1, 10, expiresAt: 100));
        _queue.Enqueue(Message(1, 10));
        var expired = new List<SctpOutboundMessage>();
        Assert.True(_queue.TryNextChunk(1000, 101, out SctpOutboundMessage message, out _, out _, out _, expired));
        Assert.Equal(0, message.Ssn);
        Assert.Single(expired);
        Assert.True(expired[0].Abandoned);
        Assert.Equal(10, _queue.GetBufferedAmount(1));
    }

    [Fact]
    public void A_stream_being_reset_reports_unsent_data_and_restarts_its_sequence_numbers()
    {
        _queue.Enqueue(Message(4, 10));
        _queue.BeginReset(4);
        Assert.True(_queue.IsResetting(4));
        Assert.True(_queue.HasUnsentData(4));
        _queue.TryNextChunk(1000, 0, out SctpOutboundMessage first, out _, out _, out _);
        Assert.False(_queue.HasUnsentData(4));
        _queue.CompleteReset(4);
        Assert.False(_queue.IsResetting(4));
        _queue.Enqueue(Message(4, 10));
        _queue.TryNextChunk(1000, 0, out SctpOutboundMessage second, out _, out _, out _);
        Assert.Equal(0, first.Ssn);
        Assert.Equal(0, second.Ssn);
    }

    [Fact]
    public void Peek_remaining_tells_how_much_of_the_next_message_is_left()
    {
        Assert.Equal(0, _queue.PeekRemaining());
        _queue.Enqueue(Message(1, 2500));
        Assert.Equal(2500, _queue.PeekRemaining());
        _queue.TryNextChunk(1000, 0, out _, out _, out _, out _);
        Assert.Equal(1500, _queue.PeekRemaining());
    }
}
