using System;
using System.Runtime.InteropServices;
using System.Text;

namespace LiveKit.WebRtc.Sctp;

// Building packets: control chunks, retransmissions and new DATA bundled up to the MTU (RFC 9260 §6.1, §6.10).
internal sealed partial class SctpAssociation
{
    // Sends everything due, as few packets as it takes: SACK, FORWARD TSN, RE-CONFIG and SHUTDOWN first, then
    // retransmissions, then new data while the congestion and receive windows allow (§6.1 A, B).
    private void Flush()
    {
        if (_retransmissions is null || !IsUp)
        {
            return;
        }

        TryStartOutgoingReset();
        SendPackets();
        if (TryStartOutgoingReset())
        {
            SendPackets();
        }

        ProgressShutdown();
    }

    private void SendPackets()
    {
        SctpRetransmissionQueue queue = _retransmissions!;
        SctpCongestionController congestion = _congestion!;
        long now = Now;
        bool newDataAllowed = _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending
            or SctpAssociationState.ShutdownReceived;
        while (true)
        {
            var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
            // A delayed SACK rides along with any data that can go now; a due one goes alone if need be.
            bool dataCanGo = queue.ToRetransmitCount > 0
                || (newDataAllowed && _sendQueue.HasData && queue.FlightSize < congestion.Cwnd && (queue.FlightSize == 0 || _peerWindow > 0));
            if (_sackDue && (_sackNow || dataCanGo))
            {
                WriteSack(ref writer);
            }

            if (_shutdownToSend && _state == SctpAssociationState.ShutdownSent)
            {
                _shutdownToSend = false;
                writer.TryWriteShutdown(_received!.CumulativeTsn);
            }

            if (_forwardTsnPending)
            {
                WriteForwardTsn(ref writer);
            }

            WriteReconfig(ref writer);

            bool wroteData = WriteRetransmissions(ref writer, queue, congestion, now);
            if (newDataAllowed && queue.ToRetransmitCount == 0)
            {
                wroteData |= WriteNewData(ref writer, queue, congestion, now);
            }

            if (writer.ChunkCount == 0)
            {
                return;
            }

            Transmit(ref writer);
            if (wroteData)
            {
                _lastDataSentAt = now;
                _t3.EnsureRunning(_rto.Rto, now);
            }
        }
    }

    private void WriteSack(ref SctpPacketWriter writer)
    {
        SctpReceivedTsnTracker received = _received!;
        int room = (writer.Remaining - SctpSackChunk.FixedSize) / SctpSackChunk.EntrySize;
        if (room < 0)
        {
            return;
        }

        int gaps = Math.Min(Math.Min(received.GapBlockCount, room), _gapBlocks.Length);
        for (int i = 0; i < gaps; i++)
        {
            _gapBlocks[i] = received.GetGapBlock(i);
        }

        ReadOnlySpan<uint> duplicates = received.Duplicates;
        duplicates = duplicates[..Math.Min(duplicates.Length, room - gaps)];
        long window = ReceiveWindowAvailable;
        if (!writer.TryWriteSack(received.CumulativeTsn, (uint)Math.Min(window, uint.MaxValue), _gapBlocks.AsSpan(0, gaps), duplicates))
        {
            return;
        }

        _stats.SacksSent++;
        _lastAdvertisedWindow = window;
        _sackDue = false;
        _sackNow = false;
        _packetsSinceSack = 0;
        received.ClearDuplicates();
        _delayedAck.Stop();
    }

    private void WriteForwardTsn(ref SctpPacketWriter writer)
    {
        // With more skipped streams than fit, the point stops short; the next FORWARD TSN (after a SACK) goes on.
        int maxStreams = (writer.Remaining - SctpForwardTsnChunk.FixedSize) / SctpForwardTsnChunk.EntrySize;
        if (maxStreams < 0)
        {
            return;
        }

        if (!_retransmissions!.TryGetForwardTsn(out uint newCumulative, _forwardTsnStreams, maxStreams))
        {
            _forwardTsnPending = false;
            return;
        }

        if (writer.TryWriteForwardTsn(newCumulative, CollectionsMarshal.AsSpan(_forwardTsnStreams)))
        {
            _forwardTsnPending = false;
            _stats.ForwardTsnsSent++;
        }
    }

    // Chunks marked lost go before new data (§6.1); the first packet after a fast retransmit ignores cwnd (§7.2.4).
    private bool WriteRetransmissions(ref SctpPacketWriter writer, SctpRetransmissionQueue queue, SctpCongestionController congestion, long now)
    {
        bool wrote = false;
        bool ignoreCwnd = _fastRetransmitPending;
        _fastRetransmitPending = false;
        while (queue.TryPeekRetransmit(out uint tsn))
        {
            if (queue.AbandonIfExpired(tsn, now))
            {
                CheckForwardTsn();
                continue;
            }

            ref readonly SctpRetransmissionQueue.Entry entry = ref queue.Get(tsn);
            if (!ignoreCwnd && queue.FlightSize >= congestion.Cwnd)
            {
                break;
            }

            if (SctpPacketWriter.DataChunkSize(entry.Length) > writer.Remaining)
            {
                break;
            }

            SctpOutboundMessage message = entry.Message;
            writer.TryWriteData(
                tsn, message.StreamId, entry.Ssn, message.PayloadProtocolId, message.Payload.Slice(entry.Offset, entry.Length),
                message.Unordered, (entry.Flags & SctpDataChunk.BeginningFlag) != 0, (entry.Flags & SctpDataChunk.EndingFlag) != 0);
            _peerWindow -= entry.Length;
            if (tsn == queue.CumulativeTsnAck + 1)
            {
                // §6.3.3 E3 / §7.2.4 step 4: retransmitting the earliest outstanding chunk restarts T3.
                _t3.Start(_rto.Rto, now);
            }

            queue.MarkRetransmitted(tsn);
            _stats.Retransmissions++;
            wrote = true;
        }

        return wrote;
    }

    private bool WriteNewData(ref SctpPacketWriter writer, SctpRetransmissionQueue queue, SctpCongestionController congestion, long now)
    {
        if (!_sendQueue.HasData || queue.FlightSize >= congestion.Cwnd)
        {
            // §6.1 B: a new packet of data only while the flight is below cwnd (it may then overshoot by that packet).
            return false;
        }

        if (queue.IsEmpty && now - _lastDataSentAt > _rto.Rto.Ticks && _lastDataSentAt != 0)
        {
            // §7.2.1: a sender idle for an RTO no longer trusts its window.
            congestion.OnIdle();
        }

        bool wrote = false;
        while (true)
        {
            int room = (writer.Remaining - SctpDataChunk.HeaderSize) & ~3;
            int next = _sendQueue.PeekRemaining();
            if (room <= 0 || next == 0 || queue.Count >= SctpRetransmissionQueue.MaxOutstandingChunks)
            {
                break;
            }

            // §6.1 A: within the peer's window, except one chunk when nothing is in flight (probing a zero window).
            // A chunk smaller than both the packet room and the message is not cut just to fit a small window.
            if (queue.FlightSize > 0 && _peerWindow < Math.Min(room, next))
            {
                break;
            }

            if (!_sendQueue.TryNextChunk(room, now, out SctpOutboundMessage message, out int offset, out int length, out byte flags, _expired))
            {
                break;
            }

            uint tsn = queue.Add(message, offset, length, flags, now);
            writer.TryWriteData(
                tsn, message.StreamId, message.Ssn, message.PayloadProtocolId, message.Payload.Slice(offset, length), message.Unordered,
                (flags & SctpDataChunk.BeginningFlag) != 0, (flags & SctpDataChunk.EndingFlag) != 0);
            _peerWindow -= length;
            _stats.DataChunksSent++;
            wrote = true;
        }

        if (_expired.Count > 0)
        {
            _stats.MessagesAbandoned += _expired.Count;
            _expired.Clear();
        }

        return wrote;
    }

    // Finishes the packet (CRC32c) and hands it to the sink.
    private void Transmit(ref SctpPacketWriter writer)
    {
        int length = writer.Finish();
        _stats.PacketsSent++;
        _stats.BytesSent += length;
        _sink.SendPacket(_packet.AsSpan(0, length));
    }

    private void SendAbort(SctpErrorCauseCode cause, string reason)
    {
        if (_peerTag == 0)
        {
            // Before the peer's tag is known there is no one to address (RFC 9260 §8.5.1 B).
            return;
        }

        int room = _packet.Length - SctpCommonHeader.Size - SctpPacketWriter.AbortChunkSize(0);
        Span<byte> info = stackalloc byte[Math.Min(room, Encoding.UTF8.GetMaxByteCount(reason.Length))];
        int length = Encoding.UTF8.GetBytes(reason.AsSpan(0, Math.Min(reason.Length, info.Length / 3)), info);
        SendAbort(cause, info[..length]);
    }

    private void SendAbort(SctpErrorCauseCode cause, ReadOnlySpan<byte> info)
    {
        if (_peerTag == 0)
        {
            return;
        }

        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteAbort(false, cause, info);
        Transmit(ref writer);
    }
}
