using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

// Timer expiries (T1, T2, T3-rtx, delayed SACK, heartbeat, RE-CONFIG, shutdown guard) and heartbeats (RFC 9260 §8.3).
internal sealed partial class SctpAssociation
{
    private const int HeartbeatInfoSize = 16;

    private bool _heartbeatOutstanding;
    private long _heartbeatSentAt;
    private ulong _heartbeatNonce;

    private void OnTimer(TimerKind kind)
    {
        List<PendingEvent>? events;
        lock (_lock)
        {
            if (_terminated)
            {
                return;
            }

            SctpTimer timer = kind switch
            {
                TimerKind.T1 => _t1,
                TimerKind.T2 => _t2,
                TimerKind.T3 => _t3,
                TimerKind.DelayedAck => _delayedAck,
                TimerKind.Heartbeat => _heartbeat,
                TimerKind.Reconfig => _reconfigTimer,
                _ => _shutdownGuard,
            };
            if (!timer.TryExpire(Now))
            {
                return;
            }

            switch (kind)
            {
                case TimerKind.T1:
                    OnT1Expired();
                    break;
                case TimerKind.T2:
                    OnT2Expired();
                    break;
                case TimerKind.T3:
                    OnT3Expired();
                    break;
                case TimerKind.DelayedAck:
                    _sackNow = true;
                    Flush();
                    break;
                case TimerKind.Heartbeat:
                    OnHeartbeatTimer();
                    break;
                case TimerKind.Reconfig:
                    OnReconfigTimer();
                    break;
                case TimerKind.ShutdownGuard:
                    OnShutdownGuardExpired();
                    break;
            }

            events = TakeEvents();
        }

        Dispatch(events);
    }

    // T3-rtx expired (§6.3.3): back off, collapse cwnd, mark everything in flight for retransmission, resend.
    private void OnT3Expired()
    {
        if (_retransmissions is not { IsEmpty: false } queue || !IsUp)
        {
            return;
        }

        _stats.T3Timeouts++;
        if (++_errorCount > _options.MaxRetransmissions)
        {
            SendAbort(SctpErrorCauseCode.UserInitiatedAbort, "Too many retransmissions");
            Close(SctpCloseReason.Failed, "The peer stopped acknowledging data (too many retransmissions).");
            return;
        }

        long now = Now;
        _rto.BackOff();
        _congestion!.OnRetransmissionTimeout();
        queue.MarkAllForRetransmission(now);
        CheckForwardTsn();
        Flush();
        if (!queue.IsEmpty)
        {
            _t3.EnsureRunning(_rto.Rto, now);
        }
    }

    private void ScheduleHeartbeat()
    {
        if (_options.HeartbeatInterval > TimeSpan.Zero)
        {
            _heartbeat.Start(_options.HeartbeatInterval + _rto.Rto, Now);
        }
    }

    // Every HB.interval + RTO an idle association sends a HEARTBEAT; one unanswered within an RTO counts as an error
    // and is repeated (§8.3). While data is in flight, T3-rtx watches the path instead.
    private void OnHeartbeatTimer()
    {
        if (_state != SctpAssociationState.Established)
        {
            return;
        }

        if (_heartbeatOutstanding)
        {
            _heartbeatOutstanding = false;
            if (++_errorCount > _options.MaxRetransmissions)
            {
                SendAbort(SctpErrorCauseCode.UserInitiatedAbort, "Heartbeats unanswered");
                Close(SctpCloseReason.Failed, "The peer stopped answering heartbeats.");
                return;
            }

            _rto.BackOff();
        }

        if (!_retransmissions!.IsEmpty)
        {
            ScheduleHeartbeat();
            return;
        }

        long now = Now;
        _heartbeatNonce = ((ulong)NextUInt32() << 32) | NextUInt32();
        Span<byte> info = stackalloc byte[HeartbeatInfoSize];
        BinaryPrimitives.WriteInt64BigEndian(info, now);
        BinaryPrimitives.WriteUInt64BigEndian(info[8..], _heartbeatNonce);
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteHeartbeat(info);
        Transmit(ref writer);
        _heartbeatOutstanding = true;
        _heartbeatSentAt = now;
        _heartbeat.Start(_rto.Rto, now);
    }

    private void HandleHeartbeatAck(in SctpChunk chunk)
    {
        if (!SctpHeartbeatChunk.TryParse(chunk, out SctpHeartbeatChunk ack) || ack.Type != SctpChunkType.HeartbeatAck)
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        ReadOnlySpan<byte> info = ack.Info;
        if (!_heartbeatOutstanding || info.Length != HeartbeatInfoSize
            || BinaryPrimitives.ReadInt64BigEndian(info) != _heartbeatSentAt
            || BinaryPrimitives.ReadUInt64BigEndian(info[8..]) != _heartbeatNonce)
        {
            // Not the heartbeat we are waiting for (a late one, or not ours).
            return;
        }

        _heartbeatOutstanding = false;
        _errorCount = 0;
        _rto.AddMeasurement(TimeSpan.FromTicks(Now - _heartbeatSentAt));
        ScheduleHeartbeat();
    }
}
