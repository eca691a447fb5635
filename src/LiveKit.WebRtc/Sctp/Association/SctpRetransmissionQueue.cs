using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// The DATA chunks sent and not yet cumulatively acknowledged, in a ring indexed by TSN: TSN assignment, the flight
/// size, SACK processing (RFC 9260 §6.2.1) with miss indications for fast retransmit (§7.2.4, HTNA), T3-rtx marking
/// (§6.3.3), and partial reliability (RFC 3758): abandoning messages and the FORWARD TSN that skips them.
/// </summary>
/// <remarks>
/// A chunk holds a slice of its message's pooled buffer, nothing is copied. A SACK costs the chunks it frees, plus
/// the span its gap blocks cover when there are any. Reneging (RFC 9260 §6.2.1: a receiver dropping data it had
/// acknowledged in a gap block) is not undone: WebRTC stacks do not renege.
/// </remarks>
internal sealed class SctpRetransmissionQueue
{
    /// <summary>Bytes of a DATA chunk before its payload.</summary>
    public const int DataChunkHeaderSize = 16;

    /// <summary>
    /// At most this many TSNs outstanding: gap blocks reach 65535 TSNs past the cumulative ack, so a receiver could
    /// not acknowledge further (many tiny messages could otherwise get there within the windows).
    /// </summary>
    public const int MaxOutstandingChunks = 60_000;

    private readonly SctpSendQueue _sendQueue;
    private readonly bool _partialReliability;
    private Entry[] _ring = new Entry[256];
    private int _headIndex;
    private uint _headTsn;
    private int _count;
    private int _retransmitHint;
    private bool _rttProbeActive;
    private uint _rttProbeTsn;
    private long _rttProbeSentAt;

    /// <summary>
    /// Starts empty; the first chunk gets <paramref name="initialTsn"/>. Without <paramref name="partialReliability"/>
    /// (the peer does not support FORWARD TSN, RFC 3758 §3.3) no sent message is ever abandoned.
    /// </summary>
    public SctpRetransmissionQueue(uint initialTsn, SctpSendQueue sendQueue, bool partialReliability = true)
    {
        _headTsn = initialTsn;
        NextTsn = initialTsn;
        _sendQueue = sendQueue;
        _partialReliability = partialReliability;
    }

    /// <summary>The TSN the next new chunk gets.</summary>
    public uint NextTsn { get; private set; }

    /// <summary>The peer's cumulative TSN ack as last seen: every TSN up to it is acknowledged.</summary>
    public uint CumulativeTsnAck => _headTsn - 1;

    /// <summary>Bytes in flight: chunk sizes of chunks sent and neither acknowledged nor deemed lost.</summary>
    public int FlightSize { get; private set; }

    /// <summary>Payload bytes in flight, which the peer's window is charged with.</summary>
    public int FlightPayload { get; private set; }

    /// <summary>Chunks waiting to be retransmitted.</summary>
    public int ToRetransmitCount { get; private set; }

    /// <summary>Chunks above the cumulative ack: in flight, lost, gap-acknowledged or abandoned.</summary>
    public int Count => _count;

    /// <summary>Messages given up after at least one of their chunks was sent.</summary>
    public long AbandonedMessages { get; private set; }

    /// <summary>True when nothing is left to be acknowledged.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The size a DATA chunk with <paramref name="payloadLength"/> bytes takes in a packet, padding included.</summary>
    public static int ChunkSize(int payloadLength) => (DataChunkHeaderSize + payloadLength + 3) & ~3;

    /// <summary>Assigns the next TSN to a new chunk of <paramref name="message"/>, sent now; returns it.</summary>
    public uint Add(SctpOutboundMessage message, int offset, int length, byte flags, long now)
    {
        uint tsn = NextTsn++;
        ref Entry entry = ref Append();
        entry = new Entry
        {
            Message = message,
            Offset = offset,
            Length = length,
            Flags = flags,
            Ssn = message.Ssn,
            State = SctpChunkState.InFlight,
            Transmissions = 1,
        };
        if (message.ChunkCount == 0)
        {
            message.FirstTsn = tsn;
        }

        message.ChunkCount++;
        message.LiveChunks++;
        FlightSize += ChunkSize(length);
        FlightPayload += length;
        if (!_rttProbeActive)
        {
            _rttProbeActive = true;
            _rttProbeTsn = tsn;
            _rttProbeSentAt = now;
        }

        return tsn;
    }

    /// <summary>The chunk with <paramref name="tsn"/>, which must be in the queue.</summary>
    public ref readonly Entry Get(uint tsn) => ref At(tsn);

    /// <summary>The lowest TSN marked for retransmission, if any.</summary>
    public bool TryPeekRetransmit(out uint tsn)
    {
        tsn = 0;
        if (ToRetransmitCount == 0)
        {
            return false;
        }

        for (int i = _retransmitHint; i < _count; i++)
        {
            if (_ring[(_headIndex + i) & (_ring.Length - 1)].State == SctpChunkState.ToRetransmit)
            {
                _retransmitHint = i;
                tsn = _headTsn + (uint)i;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gives up <paramref name="tsn"/>'s message if its limits say so (RFC 3758 §3.5, checked right before a
    /// retransmission); true when it was abandoned.
    /// </summary>
    public bool AbandonIfExpired(uint tsn, long now)
    {
        ref Entry entry = ref At(tsn);
        if (!ShouldAbandon(entry, now))
        {
            return false;
        }

        AbandonMessage(entry.Message);
        return true;
    }

    /// <summary>A chunk marked for retransmission went out again.</summary>
    public void MarkRetransmitted(uint tsn)
    {
        ref Entry entry = ref At(tsn);
        if (entry.State != SctpChunkState.ToRetransmit)
        {
            return;
        }

        entry.State = SctpChunkState.InFlight;
        entry.Transmissions++;
        entry.MissIndications = 0;
        ToRetransmitCount--;
        FlightSize += ChunkSize(entry.Length);
        FlightPayload += entry.Length;

        // Karn's rule (§6.3.1 C5): a retransmitted chunk cannot be timed.
        if (_rttProbeActive && _rttProbeTsn == tsn)
        {
            _rttProbeActive = false;
        }
    }

    /// <summary>
    /// Processes a SACK: <paramref name="cumulativeTsnAck"/> and the gap blocks as absolute, ascending TSN ranges.
    /// <paramref name="inFastRecovery"/> widens the miss indications as §7.2.4 asks.
    /// </summary>
    public SctpSackOutcome HandleSack(uint cumulativeTsnAck, ReadOnlySpan<SctpTsnRange> gapBlocks, bool inFastRecovery, long now)
    {
        var outcome = default(SctpSackOutcome);
        if (SctpSerial.IsLess(cumulativeTsnAck, CumulativeTsnAck) || SctpSerial.IsGreaterOrEqual(cumulativeTsnAck, NextTsn))
        {
            // §6.2.1 D i: an older SACK is dropped; one acknowledging TSNs never sent is bogus.
            return outcome;
        }

        outcome.Accepted = true;
        outcome.FlightBefore = FlightSize;
        bool anyNewlyAcked = false;
        uint highestNewlyAcked = 0;

        while (_count > 0 && SctpSerial.IsLessOrEqual(_headTsn, cumulativeTsnAck))
        {
            ref Entry entry = ref _ring[_headIndex];
            if (Acknowledge(ref entry, _headTsn, now, ref outcome))
            {
                anyNewlyAcked = true;
                highestNewlyAcked = _headTsn;
            }

            if (_rttProbeActive && _rttProbeTsn == _headTsn)
            {
                _rttProbeActive = false;
            }

            Free(ref entry);
            _headIndex = (_headIndex + 1) & (_ring.Length - 1);
            _headTsn++;
            _count--;
            outcome.CumulativeAdvanced = true;
        }

        _retransmitHint = 0;
        uint highestGapAcked = CumulativeTsnAck;
        foreach (SctpTsnRange block in gapBlocks)
        {
            uint first = SctpSerial.IsGreater(block.First, CumulativeTsnAck) ? block.First : CumulativeTsnAck + 1;
            uint last = SctpSerial.IsLess(block.Last, NextTsn) ? block.Last : NextTsn - 1;
            for (uint tsn = first; SctpSerial.IsLessOrEqual(tsn, last); tsn++)
            {
                ref Entry entry = ref At(tsn);
                if (Acknowledge(ref entry, tsn, now, ref outcome))
                {
                    if (!anyNewlyAcked || SctpSerial.IsGreater(tsn, highestNewlyAcked))
                    {
                        highestNewlyAcked = tsn;
                    }

                    anyNewlyAcked = true;
                }
            }

            if (SctpSerial.IsGreater(last, highestGapAcked))
            {
                highestGapAcked = last;
            }
        }

        // Miss indications (§7.2.4): only below the highest TSN newly acknowledged (HTNA), or below the highest one
        // reported at all when in Fast Recovery and the cumulative ack moved.
        uint limit;
        if (inFastRecovery && outcome.CumulativeAdvanced)
        {
            limit = highestGapAcked;
        }
        else if (anyNewlyAcked)
        {
            limit = highestNewlyAcked;
        }
        else
        {
            return outcome;
        }

        for (uint tsn = _headTsn; SctpSerial.IsLess(tsn, limit); tsn++)
        {
            ref Entry entry = ref At(tsn);
            if (entry.State != SctpChunkState.InFlight || entry.FastRetransmitted)
            {
                continue;
            }

            if (++entry.MissIndications >= 3)
            {
                if (ShouldAbandon(entry, now))
                {
                    AbandonMessage(entry.Message);
                    continue;
                }

                entry.FastRetransmitted = true;
                MarkForRetransmission(ref entry, tsn);
                outcome.NewlyMarkedForFastRetransmit++;
            }
        }

        return outcome;
    }

    /// <summary>
    /// T3-rtx expired (§6.3.3 E3): every chunk in flight is marked for retransmission, or abandoned when its message's
    /// limits say so. Returns how many were marked.
    /// </summary>
    public int MarkAllForRetransmission(long now)
    {
        int marked = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref _ring[(_headIndex + i) & (_ring.Length - 1)];
            if (entry.State != SctpChunkState.InFlight)
            {
                continue;
            }

            if (ShouldAbandon(entry, now))
            {
                AbandonMessage(entry.Message);
                continue;
            }

            MarkForRetransmission(ref entry, _headTsn + (uint)i);
            marked++;
        }

        _rttProbeActive = false;
        return marked;
    }

    /// <summary>
    /// Gives up <paramref name="message"/> (RFC 3758 §3.5): its chunks are never sent again, the rest of it is not cut,
    /// and its bytes leave the buffered amount. A message cut only partly gets a placeholder end chunk with a TSN of
    /// its own, never sent, so the peer cannot acknowledge past the message's first chunks without the FORWARD TSN
    /// that tells it to drop them (otherwise its reassembly would wait forever for the missing end).
    /// </summary>
    public void AbandonMessage(SctpOutboundMessage message)
    {
        if (message.Abandoned)
        {
            return;
        }

        message.Abandoned = true;
        AbandonedMessages++;
        for (int i = 0; i < message.ChunkCount; i++)
        {
            uint tsn = message.FirstTsn + (uint)i;
            if (SctpSerial.IsLess(tsn, _headTsn))
            {
                continue;
            }

            ref Entry entry = ref At(tsn);
            if (entry.State == SctpChunkState.InFlight)
            {
                FlightSize -= ChunkSize(entry.Length);
                FlightPayload -= entry.Length;
            }
            else if (entry.State == SctpChunkState.ToRetransmit)
            {
                ToRetransmitCount--;
            }

            entry.State = SctpChunkState.Abandoned;
        }

        if (!message.FullyFragmented)
        {
            _sendQueue.DropCurrent();
            if (message.ChunkCount > 0)
            {
                byte flags = (byte)(SctpDataChunk.EndingFlag | (message.Unordered ? SctpDataChunk.UnorderedFlag : 0));
                NextTsn++;
                ref Entry placeholder = ref Append();
                placeholder = new Entry { Message = message, Ssn = message.Ssn, Flags = flags, State = SctpChunkState.Abandoned };
                message.ChunkCount++;
                message.LiveChunks++;
            }
        }

        _sendQueue.Release(message, message.Length - message.ReleasedBytes);
        if (message.LiveChunks == 0)
        {
            message.ReturnBuffer();
        }
    }

    /// <summary>
    /// The Advanced.Peer.Ack.Point of RFC 3758 §3.5 C2: the cumulative ack moved over the abandoned chunks that follow
    /// it. True when it is ahead of the cumulative ack, so a FORWARD TSN is due; <paramref name="streams"/> then gets
    /// each ordered stream in the skipped range with its highest skipped SSN. The point stops short rather than name
    /// more than <paramref name="maxStreams"/> streams (a receiver must learn of every ordered stream it skips).
    /// </summary>
    public bool TryGetForwardTsn(out uint newCumulativeTsn, List<(ushort StreamId, ushort Ssn)> streams, int maxStreams = int.MaxValue)
    {
        streams.Clear();
        int i = 0;
        while (i < _count)
        {
            ref Entry entry = ref _ring[(_headIndex + i) & (_ring.Length - 1)];
            if (entry.State != SctpChunkState.Abandoned)
            {
                break;
            }

            if ((entry.Flags & SctpDataChunk.UnorderedFlag) == 0 && !AddSkippedStream(streams, entry.Message.StreamId, entry.Ssn, maxStreams))
            {
                break;
            }

            i++;
        }

        newCumulativeTsn = CumulativeTsnAck + (uint)i;
        return i > 0;
    }

    /// <summary>Returns every message buffer; the queue is empty afterwards.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref _ring[(_headIndex + i) & (_ring.Length - 1)];
            entry.Message?.ReturnBuffer();
            entry = default;
        }

        _headTsn += (uint)_count;
        _count = 0;
        FlightSize = 0;
        FlightPayload = 0;
        ToRetransmitCount = 0;
    }

    // False when the stream is new and the list is full.
    private static bool AddSkippedStream(List<(ushort StreamId, ushort Ssn)> streams, ushort streamId, ushort ssn, int maxStreams)
    {
        for (int i = 0; i < streams.Count; i++)
        {
            if (streams[i].StreamId == streamId)
            {
                if (SctpSerial.IsGreater(ssn, streams[i].Ssn))
                {
                    streams[i] = (streamId, ssn);
                }

                return true;
            }
        }

        if (streams.Count >= maxStreams)
        {
            return false;
        }

        streams.Add((streamId, ssn));
        return true;
    }

    // True when the chunk was not acknowledged before (nor abandoned).
    private bool Acknowledge(ref Entry entry, uint tsn, long now, ref SctpSackOutcome outcome)
    {
        switch (entry.State)
        {
            case SctpChunkState.InFlight:
                FlightSize -= ChunkSize(entry.Length);
                FlightPayload -= entry.Length;
                break;
            case SctpChunkState.ToRetransmit:
                ToRetransmitCount--;
                break;
            default:
                return false;
        }

        entry.State = SctpChunkState.Acked;
        outcome.BytesAcked += ChunkSize(entry.Length);
        if (!entry.Message.Abandoned)
        {
            _sendQueue.Release(entry.Message, entry.Length);
        }

        if (_rttProbeActive && _rttProbeTsn == tsn)
        {
            _rttProbeActive = false;
            if (entry.Transmissions == 1)
            {
                outcome.RttMeasurement = TimeSpan.FromTicks(now - _rttProbeSentAt);
            }
        }

        return true;
    }

    private bool ShouldAbandon(in Entry entry, long now) => _partialReliability && entry.Message.ShouldAbandon(entry.Transmissions, now);

    private void MarkForRetransmission(ref Entry entry, uint tsn)
    {
        entry.State = SctpChunkState.ToRetransmit;
        FlightSize -= ChunkSize(entry.Length);
        FlightPayload -= entry.Length;
        ToRetransmitCount++;
        int index = (int)(tsn - _headTsn);
        if (index < _retransmitHint)
        {
            _retransmitHint = index;
        }
    }

    private static void Free(ref Entry entry)
    {
        SctpOutboundMessage message = entry.Message;
        message.LiveChunks--;
        if (message.LiveChunks == 0 && (message.FullyFragmented || message.Abandoned))
        {
            message.ReturnBuffer();
        }

        entry = default;
    }

    private ref Entry At(uint tsn) => ref _ring[(_headIndex + (int)(tsn - _headTsn)) & (_ring.Length - 1)];

    private ref Entry Append()
    {
        if (_count == _ring.Length)
        {
            var larger = new Entry[_ring.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                larger[i] = _ring[(_headIndex + i) & (_ring.Length - 1)];
            }

            _ring = larger;
            _headIndex = 0;
        }

        return ref _ring[(_headIndex + _count++) & (_ring.Length - 1)];
    }

    /// <summary>One sent chunk.</summary>
    internal struct Entry
    {
        /// <summary>The message the chunk is a slice of.</summary>
        public SctpOutboundMessage Message;

        /// <summary>Where the slice starts in the message.</summary>
        public int Offset;

        /// <summary>Payload bytes; zero for an abandoned message's placeholder end.</summary>
        public int Length;

        /// <summary>The DATA chunk flags (B, E, U).</summary>
        public byte Flags;

        /// <summary>The stream sequence number.</summary>
        public ushort Ssn;

        /// <summary>Where the chunk stands.</summary>
        public SctpChunkState State;

        /// <summary>SACKs that reported it missing (§7.2.4).</summary>
        public byte MissIndications;

        /// <summary>True once fast retransmitted; it is not fast retransmitted twice.</summary>
        public bool FastRetransmitted;

        /// <summary>Times sent.</summary>
        public int Transmissions;
    }
}
