using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

// Stream reset (RFC 6525): our Outgoing SSN Reset Requests, one in flight at a time, and the peer's.
internal sealed partial class SctpAssociation
{
    private readonly List<ushort> _resetWaiting = new();
    private readonly Queue<(uint Sequence, SctpReconfigResult Result)> _reconfigResponses = new();

    // Our request in flight: its sequence number, streams and Sender's Last Assigned TSN (RFC 6525 §4.1).
    private uint _nextRequestSequence;
    private ushort[]? _resetInFlight;
    private uint _resetInFlightSequence;
    private uint _resetInFlightLastTsn;
    private bool _resetRequestToSend;
    private bool _resetRetryWaiting;

    // The peer's requests: the last one seen and our answer to it, for a retransmission of it (§5.2.1).
    private bool _peerRequestSeen;
    private uint _peerLastRequestSequence;
    private SctpReconfigResult _peerLastResult;

    // A peer request that must wait until we have every TSN up to its last assigned one (§5.2.2).
    private ushort[]? _deferredStreams;
    private uint _deferredSequence;
    private uint _deferredLastTsn;

    // Streams reset at _performedLastTsn, so a retry of a request we already carried out is not reported twice.
    private readonly List<ushort> _performedStreams = new();
    private uint _performedLastTsn;

    // Our last request answered "In progress": a later "Performed" for it (sent once the peer caught up) completes it.
    private ushort[]? _resetInProgress;
    private uint _resetInProgressSequence;

    /// <summary>
    /// Resets our outgoing <paramref name="streamIds"/> (RFC 6525 §5.1.2), as closing a data channel does (RFC 8831
    /// §6.7). Messages already queued on them are sent first; the request then carries our last assigned TSN, so the
    /// peer resets once it has them all. One request is in flight at a time; streams asked for meanwhile go in the
    /// next, and an "In progress" answer is retried. <see cref="ISctpAssociationHandler.OnOutgoingStreamsReset"/>
    /// reports completion; until then <see cref="Send"/> refuses the streams.
    /// </summary>
    public void ResetOutgoingStreams(ReadOnlySpan<ushort> streamIds)
    {
        List<PendingEvent>? events;
        lock (_lock)
        {
            if (_terminated || _state != SctpAssociationState.Established)
            {
                return;
            }

            foreach (ushort id in streamIds)
            {
                if (!_sendQueue.IsResetting(id))
                {
                    _sendQueue.BeginReset(id);
                    _resetWaiting.Add(id);
                }
            }

            if (!_peerSupportsReconfig)
            {
                // A peer without RE-CONFIG cannot be asked; the stream simply starts over on our side.
                ushort[] streams = _resetWaiting.ToArray();
                _resetWaiting.Clear();
                foreach (ushort id in streams)
                {
                    _sendQueue.CompleteReset(id);
                }

                _events.Add(new PendingEvent(EventKind.OutgoingStreamsReset, Streams: streams));
            }

            Flush();
            events = TakeEvents();
        }

        Dispatch(events);
    }

    // Starts a request for the waiting streams whose queued messages are all cut into chunks; true when one started.
    private bool TryStartOutgoingReset()
    {
        if (_resetInFlight is not null || _resetRetryWaiting || _resetWaiting.Count == 0 || _state != SctpAssociationState.Established)
        {
            return false;
        }

        int room = (_options.Mtu - SctpCommonHeader.Size - SctpPacketWriter.ReconfigResponseAndOutgoingResetChunkSize(0)) / sizeof(ushort);
        List<ushort>? ready = null;
        for (int i = 0; i < _resetWaiting.Count && (ready is null || ready.Count < room); i++)
        {
            if (!_sendQueue.HasUnsentData(_resetWaiting[i]))
            {
                (ready ??= new List<ushort>()).Add(_resetWaiting[i]);
                _resetWaiting.RemoveAt(i--);
            }
        }

        if (ready is null)
        {
            return false;
        }

        _resetInFlight = ready.ToArray();
        _resetInProgress = null;
        _resetInFlightSequence = _nextRequestSequence++;
        _resetInFlightLastTsn = _retransmissions!.NextTsn - 1;
        _resetRequestToSend = true;
        _reconfigTimer.Start(_rto.Rto, Now);
        return true;
    }

    // At most one RE-CONFIG chunk per packet: a response, our request, or both in one chunk (RFC 6525 §3.1).
    private void WriteReconfig(ref SctpPacketWriter writer)
    {
        bool request = _resetRequestToSend && _resetInFlight is not null;

        // The Re-configuration Response Sequence Number field: the peer's last request number (RFC 6525 §4.1).
        uint lastPeerSequence = _peerLastRequestSequence;
        if (_reconfigResponses.TryPeek(out (uint Sequence, SctpReconfigResult Result) response))
        {
            bool written = request
                ? writer.TryWriteReconfigResponseAndOutgoingReset(
                    response.Sequence, response.Result, _resetInFlightSequence, lastPeerSequence, _resetInFlightLastTsn, _resetInFlight)
                : writer.TryWriteReconfigResponse(response.Sequence, response.Result);
            if (written)
            {
                _reconfigResponses.Dequeue();
                _resetRequestToSend &= !request;
            }
        }
        else if (request && writer.TryWriteReconfigOutgoingReset(_resetInFlightSequence, lastPeerSequence, _resetInFlightLastTsn, _resetInFlight))
        {
            _resetRequestToSend = false;
        }
    }

    private void HandleReconfig(in SctpChunk chunk)
    {
        if (_received is null || !IsUp)
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        if (!SctpReconfigChunk.TryParse(chunk, out SctpReconfigChunk reconfig))
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        foreach (SctpParameter parameter in reconfig.Parameters)
        {
            switch (parameter.Type)
            {
                case SctpParameterType.OutgoingSsnResetRequest:
                    if (SctpOutgoingResetRequest.TryParse(parameter, out SctpOutgoingResetRequest request))
                    {
                        HandlePeerResetRequest(request);
                    }
                    else
                    {
                        Drop(SctpDropReason.Malformed);
                    }

                    break;
                case SctpParameterType.ReconfigurationResponse:
                    if (SctpReconfigResponse.TryParse(parameter, out SctpReconfigResponse response))
                    {
                        HandleReconfigResponse(response);
                    }
                    else
                    {
                        Drop(SctpDropReason.Malformed);
                    }

                    break;
                case SctpParameterType.IncomingSsnResetRequest:
                case SctpParameterType.SsnTsnResetRequest:
                case SctpParameterType.AddOutgoingStreamsRequest:
                case SctpParameterType.AddIncomingStreamsRequest:
                    // Requests WebRTC does not use are declined (each starts with its request sequence number).
                    if (parameter.Value.Length >= 4)
                    {
                        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(parameter.Value);
                        _peerRequestSeen = true;
                        _peerLastRequestSequence = sequence;
                        _peerLastResult = SctpReconfigResult.Denied;
                        _reconfigResponses.Enqueue((sequence, SctpReconfigResult.Denied));
                    }

                    break;
                default:
                    Drop(SctpDropReason.UnknownChunk);
                    break;
            }
        }
    }

    // The peer resets its outgoing streams, our incoming ones (§5.2.2).
    private void HandlePeerResetRequest(in SctpOutgoingResetRequest request)
    {
        uint sequence = request.RequestSequence;
        if (_peerRequestSeen && sequence == _peerLastRequestSequence)
        {
            // A retransmission (§5.2.1): the same answer again, updated if a deferred reset has since been done.
            _reconfigResponses.Enqueue((sequence, _peerLastResult));
            return;
        }

        // RFC 6525 wants the next number exactly; any new number is taken, so a peer that numbers its requests
        // differently cannot wedge its channels half-closed.
        _peerRequestSeen = true;
        _peerLastRequestSequence = sequence;
        ushort[] streams;
        if (request.StreamCount == 0)
        {
            streams = new List<ushort>(_reassembly.KnownStreams).ToArray();
        }
        else
        {
            streams = new ushort[request.StreamCount];
            for (int i = 0; i < streams.Length; i++)
            {
                streams[i] = request.GetStreamId(i);
            }
        }

        SctpReconfigResult result;
        if (SctpSerial.IsLessOrEqual(request.SendersLastAssignedTsn, _received!.CumulativeTsn))
        {
            PerformIncomingReset(streams, request.SendersLastAssignedTsn);
            result = SctpReconfigResult.SuccessPerformed;
        }
        else
        {
            _deferredStreams = streams;
            _deferredSequence = sequence;
            _deferredLastTsn = request.SendersLastAssignedTsn;
            result = SctpReconfigResult.InProgress;
        }

        _peerLastResult = result;
        _reconfigResponses.Enqueue((sequence, result));
    }

    // After DATA or FORWARD TSN: a deferred reset is done once the cumulative TSN reaches its last TSN, and the
    // peer is told at once (it may be waiting on a retransmission of its request or on this answer).
    private void CheckDeferredIncomingReset()
    {
        if (_deferredStreams is not { } streams || !SctpSerial.IsLessOrEqual(_deferredLastTsn, _received!.CumulativeTsn))
        {
            return;
        }

        _deferredStreams = null;
        PerformIncomingReset(streams, _deferredLastTsn);
        if (_peerLastRequestSequence == _deferredSequence)
        {
            _peerLastResult = SctpReconfigResult.SuccessPerformed;
        }

        _reconfigResponses.Enqueue((_deferredSequence, SctpReconfigResult.SuccessPerformed));
    }

    private void PerformIncomingReset(ushort[] streams, uint lastTsn)
    {
        if (_performedLastTsn != lastTsn)
        {
            _performedStreams.Clear();
            _performedLastTsn = lastTsn;
        }

        var fresh = new List<ushort>(streams.Length);
        foreach (ushort id in streams)
        {
            if (!_performedStreams.Contains(id))
            {
                _performedStreams.Add(id);
                _reassembly.ResetStream(id);
                fresh.Add(id);
            }
        }

        if (fresh.Count > 0)
        {
            _events.Add(new PendingEvent(EventKind.IncomingStreamsReset, Streams: fresh.ToArray()));
        }
    }

    private void HandleReconfigResponse(in SctpReconfigResponse response)
    {
        if (_resetInProgress is { } deferred && response.ResponseSequence == _resetInProgressSequence
            && response.Result is SctpReconfigResult.SuccessPerformed or SctpReconfigResult.SuccessNothingToDo)
        {
            // The peer finished a request it had deferred and says so unasked: no need to retry it.
            _resetInProgress = null;
            var completed = new List<ushort>(deferred.Length);
            foreach (ushort id in deferred)
            {
                if (_resetWaiting.Remove(id))
                {
                    _sendQueue.CompleteReset(id);
                    completed.Add(id);
                }
            }

            if (_resetRetryWaiting)
            {
                // The peer has caught up: whatever else waits can be asked for now.
                _resetRetryWaiting = false;
                _reconfigTimer.Stop();
            }

            if (completed.Count > 0)
            {
                _events.Add(new PendingEvent(EventKind.OutgoingStreamsReset, Streams: completed.ToArray()));
            }

            return;
        }

        if (_resetInFlight is not { } streams || response.ResponseSequence != _resetInFlightSequence)
        {
            return;
        }

        _reconfigTimer.Stop();
        _resetInFlight = null;
        _resetRequestToSend = false;
        if (response.Result == SctpReconfigResult.InProgress)
        {
            // The peer still waits for our data up to the last TSN: ask again after an RTO, with a new number.
            _resetWaiting.InsertRange(0, streams);
            _resetInProgress = streams;
            _resetInProgressSequence = _resetInFlightSequence;
            _resetRetryWaiting = true;
            _reconfigTimer.Start(_rto.Rto, Now);
            return;
        }

        // Performed, or refused: either way the streams are ours to use again (a refusal leaves nothing to wait for).
        foreach (ushort id in streams)
        {
            _sendQueue.CompleteReset(id);
        }

        _events.Add(new PendingEvent(EventKind.OutgoingStreamsReset, Streams: streams));
    }

    private void OnReconfigTimer()
    {
        if (_resetRetryWaiting)
        {
            _resetRetryWaiting = false;
            Flush();
            return;
        }

        if (_resetInFlight is null)
        {
            return;
        }

        // No answer within an RTO: the same request again (§5.1.1), counted like any retransmission.
        if (++_errorCount > _options.MaxRetransmissions)
        {
            SendAbort(SctpErrorCauseCode.UserInitiatedAbort, "Stream reset unanswered");
            Close(SctpCloseReason.Failed, "The peer never answered a stream reset.");
            return;
        }

        _rto.BackOff();
        _resetRequestToSend = true;
        _reconfigTimer.Start(_rto.Rto, Now);
        Flush();
    }
}
