namespace LiveKit.WebRtc.Sctp;

// The graceful close (RFC 9260 §9.2): SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE, with T2-shutdown and the guard.
internal sealed partial class SctpAssociation
{
    // In SHUTDOWN-SENT, set by received DATA: the next packet carries a SHUTDOWN.
    private bool _shutdownToSend;

    // Moves a pending shutdown on once everything we sent is acknowledged and nothing is left to send.
    private void ProgressShutdown()
    {
        if (_retransmissions is not { IsEmpty: true } || _sendQueue.HasData)
        {
            return;
        }

        if (_state == SctpAssociationState.ShutdownPending)
        {
            _state = SctpAssociationState.ShutdownSent;
            _t3.Stop();
            SendShutdown();
            _t2.Start(_rto.Rto, Now);
        }
        else if (_state == SctpAssociationState.ShutdownReceived)
        {
            _state = SctpAssociationState.ShutdownAckSent;
            _t3.Stop();
            SendShutdownAck();
            _t2.Start(_rto.Rto, Now);
        }
    }

    private void SendShutdown()
    {
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteShutdown(_received!.CumulativeTsn);
        Transmit(ref writer);
    }

    private void SendShutdownAck()
    {
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteShutdownAck();
        Transmit(ref writer);
    }

    private void HandleShutdown(in SctpChunk chunk)
    {
        if (_retransmissions is null || _state is not (SctpAssociationState.Established or SctpAssociationState.ShutdownPending
            or SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownReceived))
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        if (!SctpShutdownChunk.TryParse(chunk, out SctpShutdownChunk shutdown))
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        // Its cumulative TSN ack acknowledges like a SACK's (§9.2).
        ApplyAcknowledgement(shutdown.CumulativeTsnAck, default, null);
        if (_terminated)
        {
            return;
        }

        if (_state == SctpAssociationState.ShutdownSent)
        {
            // Both sides shut down at once: answer with SHUTDOWN ACK (§9.2).
            _state = SctpAssociationState.ShutdownAckSent;
            SendShutdownAck();
            _t2.Start(_rto.Rto, Now);
            return;
        }

        if (_state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending)
        {
            _state = SctpAssociationState.ShutdownReceived;
            _shutdownGuard.EnsureRunning(_options.ShutdownGuardTimeout ?? (_options.RtoMax * 5), Now);
        }

        ProgressShutdown();
    }

    private void HandleShutdownAck()
    {
        if (_state is not (SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent))
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteShutdownComplete(tagReflected: false);
        Transmit(ref writer);
        Close(SctpCloseReason.Shutdown, null);
    }

    private void HandleShutdownComplete()
    {
        if (_state != SctpAssociationState.ShutdownAckSent)
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        Close(SctpCloseReason.Shutdown, null);
    }

    // T2-shutdown expired: SHUTDOWN or SHUTDOWN ACK again, counted against Association.Max.Retrans.
    private void OnT2Expired()
    {
        if (_state is not (SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent))
        {
            return;
        }

        if (++_errorCount > _options.MaxRetransmissions)
        {
            Close(SctpCloseReason.Failed, "The peer never completed the shutdown.");
            return;
        }

        _rto.BackOff();
        if (_state == SctpAssociationState.ShutdownSent)
        {
            SendShutdown();
        }
        else
        {
            SendShutdownAck();
        }

        _t2.Start(_rto.Rto, Now);
    }

    private void OnShutdownGuardExpired()
    {
        SendAbort(SctpErrorCauseCode.UserInitiatedAbort, "Shutdown timed out");
        Close(SctpCloseReason.Failed, "The shutdown did not complete in time.");
    }
}
