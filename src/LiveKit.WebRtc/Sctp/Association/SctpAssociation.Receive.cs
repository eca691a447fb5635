using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

// Received packets: checks (RFC 9260 §6.8, §8.5), then each chunk in order.
internal sealed partial class SctpAssociation
{
    /// <summary>
    /// Processes one received SCTP packet (a DTLS application data record). Never throws: bad input (checksum,
    /// ports, verification tag, malformed or unexpected chunks, forged or stale cookies) is dropped and counted.
    /// </summary>
    public void HandlePacket(ReadOnlySpan<byte> packet)
    {
        List<PendingEvent>? events;
        lock (_lock)
        {
            ProcessPacket(packet);
            events = TakeEvents();
        }

        Dispatch(events);
    }

    private void ProcessPacket(ReadOnlySpan<byte> packet)
    {
        if (_terminated)
        {
            Drop(SctpDropReason.AfterClose);
            return;
        }

        if (!SctpPacket.TryReadHeader(packet, out SctpCommonHeader header))
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        if (!SctpPacket.HasValidChecksum(packet))
        {
            Drop(SctpDropReason.BadChecksum);
            return;
        }

        if (header.DestinationPort != _options.LocalPort || header.SourcePort != _options.RemotePort)
        {
            Drop(SctpDropReason.WrongPorts);
            return;
        }

        SctpChunkReader chunks = SctpPacket.Chunks(packet);
        if (!chunks.MoveNext())
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        SctpChunk first = chunks.Current;
        if (!CheckVerificationTag(first, header.VerificationTag, packet.Length))
        {
            return;
        }

        _stats.PacketsReceived++;
        _stats.BytesReceived += packet.Length;
        bool hadGaps = _received?.HasGaps ?? false;
        bool dataReceived = false;
        int chunkIndex = 0;
        do
        {
            SctpChunk chunk = chunks.Current;
            if (chunkIndex++ > 0 && chunk.Type is SctpChunkType.Init or SctpChunkType.InitAck or SctpChunkType.ShutdownComplete)
            {
                // §6.10: these are never bundled; a packet that does so is discarded from here.
                Drop(SctpDropReason.Malformed);
                break;
            }

            if (!ProcessChunk(chunk, header.VerificationTag, ref dataReceived) || _terminated)
            {
                break;
            }
        }
        while (chunks.MoveNext());

        if (chunks.IsMalformed)
        {
            Drop(SctpDropReason.Malformed);
        }

        if (_terminated)
        {
            return;
        }

        if (dataReceived)
        {
            OnDataPacketReceived(hadGaps);
        }

        if (IsUp)
        {
            Flush();
        }
    }

    // §8.5, §8.5.1: which tag a packet must carry depends on its first chunk.
    private bool CheckVerificationTag(in SctpChunk first, uint tag, int packetLength)
    {
        switch (first.Type)
        {
            case SctpChunkType.Init:
                if (tag != 0 || packetLength != SctpCommonHeader.Size + SctpTlv.Pad4(first.Length))
                {
                    // §8.5.1 A: INIT carries tag 0 and travels alone.
                    Drop(tag != 0 ? SctpDropReason.BadVerificationTag : SctpDropReason.Malformed);
                    return false;
                }

                return true;
            case SctpChunkType.CookieEcho:
                // §5.2.4: checked against the cookie.
                return true;
            case SctpChunkType.Abort:
            case SctpChunkType.ShutdownComplete:
                // §8.5.1 B, C: our tag, or the peer's own reflected with the T bit.
                bool reflected = SctpAbortChunk.IsTagReflected(first);
                bool ok = reflected ? _peerTag != 0 && tag == _peerTag : tag == _localTag;
                if (!ok || _state == SctpAssociationState.Closed)
                {
                    Drop(SctpDropReason.BadVerificationTag);
                    return false;
                }

                return true;
            default:
                if (_state == SctpAssociationState.Closed)
                {
                    // Out of the blue (§8.4): no association to carry it.
                    Drop(SctpDropReason.UnexpectedChunk);
                    return false;
                }

                if (tag != _localTag)
                {
                    Drop(SctpDropReason.BadVerificationTag);
                    return false;
                }

                return true;
        }
    }

    // False to stop processing the packet.
    private bool ProcessChunk(in SctpChunk chunk, uint verificationTag, ref bool dataReceived)
    {
        switch (chunk.Type)
        {
            case SctpChunkType.Data:
                dataReceived |= HandleData(chunk);
                return true;
            case SctpChunkType.Sack:
                HandleSack(chunk);
                return true;
            case SctpChunkType.Init:
                HandleInit(chunk);
                return false;
            case SctpChunkType.InitAck:
                HandleInitAck(chunk);
                return false;
            case SctpChunkType.CookieEcho:
                return HandleCookieEcho(chunk, verificationTag);
            case SctpChunkType.CookieAck:
                HandleCookieAck();
                return true;
            case SctpChunkType.Heartbeat:
                HandleHeartbeat(chunk);
                return true;
            case SctpChunkType.HeartbeatAck:
                HandleHeartbeatAck(chunk);
                return true;
            case SctpChunkType.ForwardTsn:
                dataReceived |= HandleForwardTsn(chunk);
                return true;
            case SctpChunkType.ReConfig:
                HandleReconfig(chunk);
                return true;
            case SctpChunkType.Shutdown:
                HandleShutdown(chunk);
                return true;
            case SctpChunkType.ShutdownAck:
                HandleShutdownAck();
                return true;
            case SctpChunkType.ShutdownComplete:
                HandleShutdownComplete();
                return false;
            case SctpChunkType.Abort:
                HandleAbort(chunk);
                return false;
            case SctpChunkType.Error:
                HandleError(chunk);
                return true;
            default:
                return HandleUnknownChunk(chunk);
        }
    }

    // §3.2: the upper two bits of an unknown type say whether to go on and whether to report it.
    private bool HandleUnknownChunk(in SctpChunk chunk)
    {
        Drop(SctpDropReason.UnknownChunk);
        SctpUnknownChunkAction action = chunk.UnknownChunkAction;
        if (action is SctpUnknownChunkAction.StopAndReport or SctpUnknownChunkAction.SkipAndReport && IsUp
            && SctpPacketWriter.ErrorChunkSize(chunk.Length) <= _packet.Length - SctpCommonHeader.Size)
        {
            var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
            writer.TryWriteError(SctpErrorCauseCode.UnrecognizedChunkType, chunk.Raw);
            Transmit(ref writer);
        }

        return action is SctpUnknownChunkAction.Skip or SctpUnknownChunkAction.SkipAndReport;
    }

    // DATA (§6.2): true when the chunk counts towards SACK scheduling.
    private bool HandleData(in SctpChunk chunk)
    {
        if (_received is null || _state is not (SctpAssociationState.Established or SctpAssociationState.ShutdownPending
            or SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownReceived))
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return false;
        }

        if (!SctpDataChunk.TryParse(chunk, out SctpDataChunk data))
        {
            if (chunk.Length == SctpDataChunk.HeaderSize)
            {
                // §6.2: DATA without user data is answered with ABORT, cause "No User Data" carrying the TSN.
                SendAbort(SctpErrorCauseCode.NoUserData, chunk.Value[..4]);
                Close(SctpCloseReason.AbortSent, "The peer sent a DATA chunk without user data.");
            }
            else
            {
                Drop(SctpDropReason.Malformed);
            }

            return false;
        }

        SctpReceivedTsnTracker received = _received;
        if (SctpSerial.IsGreater(data.Tsn, received.HighestReceived) && ReceiveWindowAvailable <= 0)
        {
            // §6.2: with no room, new data beyond the highest TSN so far is dropped; gap fillers still get in.
            Drop(SctpDropReason.OutOfWindow);
            _sackDue = true;
            _sackNow = true;
            return false;
        }

        if (data.StreamId >= _inboundStreams)
        {
            // §6.5: acknowledge the TSN, report the stream, drop the data.
            if (received.Observe(data.Tsn) == SctpTsnArrival.New)
            {
                Span<byte> info = stackalloc byte[4];
                BinaryPrimitives.WriteUInt16BigEndian(info, data.StreamId);
                var error = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
                error.TryWriteError(SctpErrorCauseCode.InvalidStreamIdentifier, info);
                Transmit(ref error);
            }

            Drop(SctpDropReason.UnexpectedChunk);
            return true;
        }

        switch (received.Observe(data.Tsn))
        {
            case SctpTsnArrival.Duplicate:
                _stats.DuplicateTsnsReceived++;
                _sackNow = true;
                return true;
            case SctpTsnArrival.OutOfWindow:
                Drop(SctpDropReason.OutOfWindow);
                _sackNow = true;
                return true;
        }

        _stats.DataChunksReceived++;
        if (data.IsImmediate)
        {
            _sackNow = true;
        }

        if (!_reassembly.Add(data.Tsn, data.StreamId, data.StreamSequenceNumber, data.PayloadProtocolId, data.Flags, data.UserData, _delivered))
        {
            AbortForViolation(
                SctpErrorCauseCode.ProtocolViolation,
                $"The peer sent a message larger than our maximum of {_options.MaxReceiveMessageSize} bytes.");
            return false;
        }

        DeliverMessages();
        return true;
    }

    // §6.2: SACK every second packet with DATA, at once on gaps, duplicates or a gap filled, else after the delay.
    private void OnDataPacketReceived(bool hadGaps)
    {
        _sackDue = true;
        _packetsSinceSack++;
        if (hadGaps || _received!.HasGaps || _packetsSinceSack >= 2)
        {
            _sackNow = true;
        }

        CheckDeferredIncomingReset();
        if (_state == SctpAssociationState.ShutdownSent)
        {
            // §9.2: in SHUTDOWN-SENT, every packet with DATA is answered with SHUTDOWN (and T2 restarted).
            _sackNow = true;
            _shutdownToSend = true;
            _t2.Start(_rto.Rto, Now);
        }

        if (!_sackNow)
        {
            _delayedAck.EnsureRunning(_options.DelayedAckTimeout, Now);
        }
    }

    private void DeliverMessages()
    {
        foreach (SctpReceivedMessage message in _delivered)
        {
            _unconsumed += message.Data.Length;
            _stats.MessagesReceived++;
            _events.Add(new PendingEvent(EventKind.Message, message.StreamId, message.PayloadProtocolId, message.Data));
        }

        _delivered.Clear();
    }

    // SACK (§6.2.1), and what follows from it: congestion control, fast retransmit, T3-rtx, FORWARD TSN, shutdown.
    private void HandleSack(in SctpChunk chunk)
    {
        if (_retransmissions is null || !IsUp)
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        if (!SctpSackChunk.TryParse(chunk, out SctpSackChunk sack))
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        _stats.SacksReceived++;
        uint cumulative = sack.CumulativeTsnAck;
        int blockCount = sack.GapAckBlockCount;
        if (_gapRanges.Length < blockCount)
        {
            _gapRanges = new SctpTsnRange[Math.Max(blockCount, _gapRanges.Length * 2)];
        }

        int ranges = 0;
        uint previousEnd = cumulative;
        for (int i = 0; i < blockCount; i++)
        {
            (ushort start, ushort end) = sack.GetGapAckBlock(i);
            uint first = cumulative + start;
            uint last = cumulative + end;

            // Blocks must be ascending, non-empty and past the cumulative ack (§3.3.4); others are ignored.
            if (start == 0 || end < start || !SctpSerial.IsGreater(first, previousEnd))
            {
                continue;
            }

            _gapRanges[ranges++] = new SctpTsnRange(first, last);
            previousEnd = last;
        }

        ApplyAcknowledgement(cumulative, _gapRanges.AsSpan(0, ranges), sack.AdvertisedReceiverWindowCredit);
    }

    private void ApplyAcknowledgement(uint cumulative, ReadOnlySpan<SctpTsnRange> gaps, uint? advertisedWindow)
    {
        SctpRetransmissionQueue queue = _retransmissions!;
        SctpCongestionController congestion = _congestion!;
        long now = Now;
        SctpSackOutcome outcome = queue.HandleSack(cumulative, gaps, congestion.InFastRecovery, now);
        if (!outcome.Accepted)
        {
            return;
        }

        // The peer answers, so it is reachable (§8.3 resets the counter on acknowledged data; a SACK is as good).
        _errorCount = 0;
        if (outcome.RttMeasurement is TimeSpan rtt)
        {
            _rto.AddMeasurement(rtt);
        }

        congestion.OnSack(cumulative, outcome.CumulativeAdvanced, outcome.BytesAcked, outcome.FlightBefore, queue.FlightSize);
        if (outcome.NewlyMarkedForFastRetransmit > 0)
        {
            _stats.FastRetransmits += outcome.NewlyMarkedForFastRetransmit;
            congestion.OnFastRetransmit(queue.NextTsn - 1);
            _fastRetransmitPending = true;
        }

        if (advertisedWindow is uint window)
        {
            // §6.2.1: the peer's window less what is still in flight.
            _peerWindow = Math.Max(0, (long)window - queue.FlightPayload);
        }

        if (queue.IsEmpty)
        {
            _t3.Stop();
        }
        else if (outcome.CumulativeAdvanced || !_t3.IsRunning)
        {
            // §6.3.2 R3: the earliest outstanding TSN was acknowledged: restart with the current RTO.
            _t3.Start(_rto.Rto, now);
        }

        CheckForwardTsn();
        ProgressShutdown();
    }

    private void CheckForwardTsn()
    {
        if (_peerSupportsForwardTsn && _retransmissions!.TryGetForwardTsn(out _, _forwardTsnStreams))
        {
            _forwardTsnPending = true;
        }
    }

    // FORWARD TSN (RFC 3758 §3.6): true when it counts towards SACK scheduling.
    private bool HandleForwardTsn(in SctpChunk chunk)
    {
        if (_received is null || !IsUp)
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return false;
        }

        if (!SctpForwardTsnChunk.TryParse(chunk, out SctpForwardTsnChunk forward))
        {
            Drop(SctpDropReason.Malformed);
            return false;
        }

        _stats.ForwardTsnsReceived++;
        _sackNow = true;
        uint newCumulative = forward.NewCumulativeTsn;
        if (SctpSerial.IsGreater(newCumulative, _received.CumulativeTsn + SctpReceivedTsnTracker.MaxOffset))
        {
            // Beyond anything the peer can have sent within our window: a broken or hostile peer.
            Drop(SctpDropReason.OutOfWindow);
            return true;
        }

        if (_received.ForwardTo(newCumulative))
        {
            _reassembly.DiscardThrough(newCumulative);
            for (int i = 0; i < forward.StreamCount; i++)
            {
                (ushort streamId, ushort ssn) = forward.GetStream(i);
                _reassembly.SkipStream(streamId, ssn, _delivered);
            }

            DeliverMessages();
        }

        return true;
    }

    private void HandleHeartbeat(in SctpChunk chunk)
    {
        if (!IsUp && _state != SctpAssociationState.CookieEchoed)
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        if (!SctpHeartbeatChunk.TryParse(chunk, out SctpHeartbeatChunk heartbeat) || heartbeat.Type != SctpChunkType.Heartbeat)
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        // §8.3: the info goes back unchanged.
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        if (writer.TryWriteHeartbeatAck(heartbeat.Info))
        {
            Transmit(ref writer);
        }
    }

    private void HandleAbort(in SctpChunk chunk)
    {
        string detail = "The peer aborted the association.";
        if (SctpAbortChunk.TryParse(chunk, out SctpAbortChunk abort))
        {
            foreach (SctpErrorCause cause in abort.Causes)
            {
                detail = cause.CauseCode is SctpErrorCauseCode.UserInitiatedAbort or SctpErrorCauseCode.ProtocolViolation && !cause.Info.IsEmpty
                    ? DecodeReason(cause.Info)
                    : $"The peer aborted the association (cause {cause.Code}).";
                break;
            }
        }

        Close(SctpCloseReason.AbortReceived, detail);
    }

    private void HandleError(in SctpChunk chunk)
    {
        if (!SctpErrorChunk.TryParse(chunk, out SctpErrorChunk error))
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        foreach (SctpErrorCause cause in error.Causes)
        {
            if (cause.CauseCode == SctpErrorCauseCode.StaleCookie && _state == SctpAssociationState.CookieEchoed)
            {
                // §5.2.6: our COOKIE ECHO came too late; start over with a new INIT. The peer is alive, so the INIT
                // gets a fresh retransmission count; only the restarts themselves are limited.
                if (++_staleCookieRestarts > _options.MaxInitRetransmissions)
                {
                    Close(SctpCloseReason.Failed, "The peer kept finding our cookie stale.");
                    return;
                }

                _initRetransmits = 0;
                _state = SctpAssociationState.CookieWait;
                _peerTag = 0;
                _peerCookie = null;
                SendInit();
                _t1.Start(_rto.Rto, Now);
                return;
            }
        }
    }
}
