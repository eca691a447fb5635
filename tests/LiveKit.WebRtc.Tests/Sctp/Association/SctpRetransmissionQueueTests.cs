using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;
using Xunit;
using static LiveKit.WebRtc.Tests.Sctp.Association.SctpSendQueueTests;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

public class SctpRetransmissionQueueTests
{
    private const uint FirstTsn = 1000;
    private readonly SctpSendQueue _sendQueue = new();
    private readonly SctpRetransmissionQueue _queue;

    public SctpRetransmissionQueueTests() => _queue = new SctpRetransmissionQueue(FirstTsn, _sendQueue);

    [Fact]
    public void Chunks_get_consecutive_tsns_and_count_in_the_flight_size()
    {
        SendMessages(3, 100);
        Assert.Equal(FirstTsn + 3, _queue.NextTsn);
        Assert.Equal(3 * SctpRetransmissionQueue.ChunkSize(100), _queue.FlightSize);
        Assert.Equal(300, _queue.FlightPayload);
        Assert.Equal(FirstTsn - 1, _queue.CumulativeTsnAck);
    }

    [Fact]
    public void A_cumulative_ack_frees_chunks_and_releases_buffered_bytes()
    {
        SctpOutboundMessage[] messages = SendMessages(4, 100);
        SctpSackOutcome outcome = _queue.HandleSack(FirstTsn + 1, default, false, 10);
        Assert.True(outcome.Accepted);
        Assert.True(outcome.CumulativeAdvanced);
        Assert.Equal(2 * SctpRetransmissionQueue.ChunkSize(100), outcome.BytesAcked);
        Assert.Equal(2, _queue.Count);
        Assert.Equal(200, _sendQueue.GetBufferedAmount(1));
        Assert.Equal(0, messages[0].LiveChunks);
    }

    [Fact]
    public void Old_and_impossible_sacks_are_ignored()
    {
        SendMessages(2, 100);
        _queue.HandleSack(FirstTsn, default, false, 0);
        Assert.False(_queue.HandleSack(FirstTsn - 1, default, false, 0).Accepted);
        Assert.False(_queue.HandleSack(FirstTsn + 5, default, false, 0).Accepted);
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public void The_first_chunk_sent_once_gives_an_rtt_measurement()
    {
        SendMessages(2, 100, now: 1000);
        SctpSackOutcome outcome = _queue.HandleSack(FirstTsn + 1, default, false, 5000);
        Assert.Equal(TimeSpan.FromTicks(4000), outcome.RttMeasurement);
    }

    [Fact]
    public void Three_miss_indications_mark_a_chunk_for_fast_retransmit()
    {
        SendMessages(6, 100);

        // TSN 1000 is missing; 1001, then 1002, then 1003 arrive.
        for (uint last = FirstTsn + 1; last <= FirstTsn + 3; last++)
        {
            SctpSackOutcome outcome = _queue.HandleSack(FirstTsn - 1, [new SctpTsnRange(FirstTsn + 1, last)], false, 0);
            Assert.Equal(last == FirstTsn + 3 ? 1 : 0, outcome.NewlyMarkedForFastRetransmit);
        }

        Assert.True(_queue.TryPeekRetransmit(out uint tsn));
        Assert.Equal(FirstTsn, tsn);
        Assert.Equal(1, _queue.ToRetransmitCount);
        Assert.Equal(2 * SctpRetransmissionQueue.ChunkSize(100), _queue.FlightSize);

        _queue.MarkRetransmitted(tsn);
        Assert.Equal(0, _queue.ToRetransmitCount);
        Assert.Equal(2, _queue.Get(tsn).Transmissions);

        // Not fast retransmitted twice.
        for (uint last = FirstTsn + 4; last <= FirstTsn + 5; last++)
        {
            Assert.Equal(0, _queue.HandleSack(FirstTsn - 1, [new SctpTsnRange(FirstTsn + 1, last)], false, 0).NewlyMarkedForFastRetransmit);
        }

        Assert.Equal(0, _queue.HandleSack(FirstTsn - 1, [new SctpTsnRange(FirstTsn + 1, FirstTsn + 5)], false, 0).NewlyMarkedForFastRetransmit);
    }

    [Fact]
    public void Repeated_sacks_without_new_acknowledgements_count_no_misses()
    {
        SendMessages(4, 100);
        SctpTsnRange[] gap = [new SctpTsnRange(FirstTsn + 1, FirstTsn + 1)];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0, _queue.HandleSack(FirstTsn - 1, gap, false, 0).NewlyMarkedForFastRetransmit);
        }

        Assert.Equal(0, _queue.ToRetransmitCount);
    }

    [Fact]
    public void A_retransmission_timeout_marks_everything_in_flight()
    {
        SendMessages(5, 100);
        _queue.HandleSack(FirstTsn - 1, [new SctpTsnRange(FirstTsn + 2, FirstTsn + 2)], false, 0);
        Assert.Equal(4, _queue.MarkAllForRetransmission(0));
        Assert.Equal(0, _queue.FlightSize);
        var order = new List<uint>();
        while (_queue.TryPeekRetransmit(out uint tsn))
        {
            order.Add(tsn);
            _queue.MarkRetransmitted(tsn);
        }

        Assert.Equal(new[] { FirstTsn, FirstTsn + 1, FirstTsn + 3, FirstTsn + 4 }, order);
    }

    [Fact]
    public void A_message_with_no_retransmissions_left_is_abandoned_and_skipped_by_forward_tsn()
    {
        SctpOutboundMessage reliable = Message(1, 100);
        SctpOutboundMessage unreliable = Message(3, 100, maxRetransmits: 0);
        Send(reliable, 0);
        Send(unreliable, 0);
        Send(Message(1, 100), 0);
        Assert.Equal(3, _queue.Count);

        // T3: the reliable one is marked, the other abandoned.
        Assert.Equal(2, _queue.MarkAllForRetransmission(0));
        Assert.True(unreliable.Abandoned);
        Assert.Equal(1, _queue.AbandonedMessages);
        Assert.Equal(0, _sendQueue.GetBufferedAmount(3));

        var streams = new List<(ushort, ushort)>();
        Assert.False(_queue.TryGetForwardTsn(out _, streams));
        _queue.HandleSack(FirstTsn, default, false, 0);
        Assert.True(_queue.TryGetForwardTsn(out uint newCumulative, streams));
        Assert.Equal(FirstTsn + 1, newCumulative);
        Assert.Equal(new[] { ((ushort)3, unreliable.Ssn) }, streams);
    }

    [Fact]
    public void A_forward_tsn_stops_short_rather_than_leave_out_a_stream()
    {
        SctpOutboundMessage[] messages = { Message(1, 10, maxRetransmits: 0), Message(2, 10, maxRetransmits: 0), Message(1, 10, maxRetransmits: 0), Message(3, 10, maxRetransmits: 0) };
        foreach (SctpOutboundMessage message in messages)
        {
            Send(message, 0);
        }

        _queue.MarkAllForRetransmission(0);
        var streams = new List<(ushort, ushort)>();
        Assert.True(_queue.TryGetForwardTsn(out uint newCumulative, streams, maxStreams: 2));
        Assert.Equal(FirstTsn + 2, newCumulative);
        Assert.Equal(new[] { ((ushort)1, (ushort)1), ((ushort)2, (ushort)0) }, streams);
        Assert.True(_queue.TryGetForwardTsn(out newCumulative, streams));
        Assert.Equal(FirstTsn + 3, newCumulative);
        Assert.Equal(3, streams.Count);
    }

    [Fact]
    public void Abandoning_a_partly_sent_message_adds_a_placeholder_end_and_drops_the_rest()
    {
        SctpOutboundMessage message = Message(5, 3000, maxRetransmits: 0);
        _sendQueue.Enqueue(message);
        Assert.True(_sendQueue.TryNextChunk(1000, 0, out SctpOutboundMessage m, out int offset, out int length, out byte flags));
        _queue.Add(m, offset, length, flags, 0);
        _queue.AbandonMessage(message);
        Assert.False(_sendQueue.HasData);
        Assert.Equal(FirstTsn + 2, _queue.NextTsn);
        Assert.Equal(SctpChunkState.Abandoned, _queue.Get(FirstTsn + 1).State);
        Assert.Equal(SctpDataChunk.EndingFlag, (byte)(_queue.Get(FirstTsn + 1).Flags & SctpDataChunk.EndingFlag));
        var streams = new List<(ushort, ushort)>();
        Assert.True(_queue.TryGetForwardTsn(out uint newCumulative, streams));
        Assert.Equal(FirstTsn + 1, newCumulative);
        Assert.Equal(0, _sendQueue.GetBufferedAmount(5));

        // The peer's cumulative ack after the FORWARD TSN frees everything.
        _queue.HandleSack(FirstTsn + 1, default, false, 0);
        Assert.True(_queue.IsEmpty);
        Assert.Equal(0, message.LiveChunks);
    }

    [Fact]
    public void An_expired_message_is_abandoned_before_its_retransmission()
    {
        SctpOutboundMessage message = Message(2, 100, expiresAt: 50);
        Send(message, 0);
        _queue.MarkAllForRetransmission(10);
        Assert.True(_queue.TryPeekRetransmit(out uint tsn));
        Assert.False(_queue.AbandonIfExpired(tsn, 50));
        Assert.True(_queue.AbandonIfExpired(tsn, 51));
        Assert.False(_queue.TryPeekRetransmit(out _));
        Assert.Equal(0, _queue.ToRetransmitCount);
    }

    [Fact]
    public void The_ring_grows_and_wraps_across_many_chunks()
    {
        for (int round = 0; round < 20; round++)
        {
            SendMessages(300, 10);
            _queue.HandleSack(_queue.NextTsn - 1, default, false, 0);
            Assert.True(_queue.IsEmpty);
        }

        Assert.Equal(FirstTsn + 6000, _queue.NextTsn);
        Assert.Equal(0, _queue.FlightSize);
    }

    private SctpOutboundMessage[] SendMessages(int count, int length, long now = 0)
    {
        var messages = new SctpOutboundMessage[count];
        for (int i = 0; i < count; i++)
        {
            messages[i] = Message(1, length);
            Send(messages[i], now);
        }

        return messages;
    }

    private void Send(SctpOutboundMessage message, long now)
    {
        _sendQueue.Enqueue(message);
        while (_sendQueue.TryNextChunk(10_000, now, out SctpOutboundMessage m, out int offset, out int length, out byte flags))
        {
            _queue.Add(m, offset, length, flags, now);
        }
    }
}
