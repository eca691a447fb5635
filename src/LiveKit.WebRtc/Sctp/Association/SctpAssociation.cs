using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using LiveKit.WebRtc.Ice;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// One SCTP association over DTLS (RFC 8261) as WebRTC data channels use it (RFC 8831): the handshake with INIT
/// collisions (RFC 9260 §5), reliable and partially reliable (RFC 3758) delivery of ordered and unordered messages,
/// SACKs (§6.2), congestion control (§7), stream reset (RFC 6525), heartbeats (§8.3), SHUTDOWN and ABORT (§9).
/// </summary>
/// <remarks>
/// All state sits behind one lock, which <see cref="HandlePacket"/>, the public methods and the timers take. Packets
/// go to the sink under the lock; the handler is called after it is released, on the thread that caused the event.
/// Received packets are processed without allocating, except for the messages handed over.
/// </remarks>
internal sealed partial class SctpAssociation : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ISctpPacketSink _sink;
    private readonly ISctpAssociationHandler _handler;
    private readonly SctpAssociationOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly long _epoch;
    private readonly int _receiveWindow;
    private readonly byte[] _cookieKey = new byte[SctpStateCookie.KeySize];
    private readonly byte[] _packet;
    private readonly long[] _dropped = new long[Enum.GetValues<SctpDropReason>().Length];
    private readonly SctpRtoEstimator _rto;
    private readonly SctpSendQueue _sendQueue = new();
    private readonly SctpReassembly _reassembly;
    private readonly List<SctpReceivedMessage> _delivered = new();
    private readonly List<SctpOutboundMessage> _expired = new();
    private readonly List<(ushort StreamId, ushort Ssn)> _forwardTsnStreams = new();
    private readonly (ushort Start, ushort End)[] _gapBlocks;
    private readonly SctpTimer _t1;
    private readonly SctpTimer _t2;
    private readonly SctpTimer _t3;
    private readonly SctpTimer _delayedAck;
    private readonly SctpTimer _heartbeat;
    private readonly SctpTimer _reconfigTimer;
    private readonly SctpTimer _shutdownGuard;

    private List<PendingEvent> _events = new();
    private List<PendingEvent>? _spareEvents = new();

    private SctpAssociationState _state;
    private bool _started;
    private bool _terminated;

    // The tags and initial TSNs (RFC 9260 §5.3.1). Ours are drawn once and used for our INIT and for every INIT ACK
    // sent before the association is up, so a peer that answers either reaches the same association.
    private uint _localTag;
    private uint _localInitialTsn;
    private uint _peerTag;

    // What the peer's INIT ACK said, kept until the COOKIE ACK (RFC 9260 §5.1 C).
    private byte[]? _peerCookie;
    private PeerParameters _peerInit;
    private int _initRetransmits;
    private int _staleCookieRestarts;
    private long _initSentAt;

    // The transmission control block, once established.
    private SctpRetransmissionQueue? _retransmissions;
    private SctpCongestionController? _congestion;
    private SctpReceivedTsnTracker? _received;
    private bool _peerSupportsForwardTsn;
    private bool _peerSupportsReconfig;
    private ushort _outboundStreams;
    private ushort _inboundStreams;
    private long _peerWindow;
    private int _errorCount;
    private long _lastDataSentAt;
    private bool _fastRetransmitPending;
    private bool _forwardTsnPending;

    // Receiving: SACK scheduling (RFC 9260 §6.2) and the window.
    private bool _sackDue;
    private bool _sackNow;
    private int _packetsSinceSack;
    private long _lastAdvertisedWindow;
    private long _unconsumed;
    private SctpTsnRange[] _gapRanges = new SctpTsnRange[16];

    private Stats _stats;

    /// <summary>Creates an association, closed; <see cref="Start"/> sends the INIT, and an INIT from the peer is answered before that too.</summary>
    public SctpAssociation(ISctpPacketSink sink, ISctpAssociationHandler handler, SctpAssociationOptions options)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sink = sink;
        _handler = handler;
        _options = options;
        _time = options.TimeProvider;
        _random = options.Random ?? new IceCryptoRandom();
        _epoch = _time.GetTimestamp();
        _packet = new byte[options.Mtu];

        // A message larger than the window could never be reassembled: the window holds at least one.
        _receiveWindow = Math.Max(options.ReceiveWindow, options.MaxReceiveMessageSize);
        _gapBlocks = new (ushort, ushort)[(options.Mtu - SctpCommonHeader.Size - SctpSackChunk.FixedSize) / SctpSackChunk.EntrySize];
        _rto = new SctpRtoEstimator(options.RtoInitial, options.RtoMin, options.RtoMax);
        _reassembly = new SctpReassembly(options.MaxReceiveMessageSize);
        _random.NextBytes(_cookieKey);
        _localTag = NewTag();
        _localInitialTsn = NextUInt32();
        _t1 = new SctpTimer(_time, () => OnTimer(TimerKind.T1));
        _t2 = new SctpTimer(_time, () => OnTimer(TimerKind.T2));
        _t3 = new SctpTimer(_time, () => OnTimer(TimerKind.T3));
        _delayedAck = new SctpTimer(_time, () => OnTimer(TimerKind.DelayedAck));
        _heartbeat = new SctpTimer(_time, () => OnTimer(TimerKind.Heartbeat));
        _reconfigTimer = new SctpTimer(_time, () => OnTimer(TimerKind.Reconfig));
        _shutdownGuard = new SctpTimer(_time, () => OnTimer(TimerKind.ShutdownGuard));
    }

    /// <summary>The current state.</summary>
    public SctpAssociationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    // Ticks since the association was created, on its clock.
    private long Now => _time.GetElapsedTime(_epoch).Ticks;

    private bool IsUp => _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending
        or SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownReceived or SctpAssociationState.ShutdownAckSent;

    /// <summary>
    /// Sends INIT (RFC 9260 §5.1 A). In WebRTC both ends do at once (RFC 8841 §9.3); the collision resolves itself
    /// (§5.2.1, §5.2.4). Does nothing once started, up, or ended.
    /// </summary>
    public void Start()
    {
        List<PendingEvent>? events;
        lock (_lock)
        {
            if (_started || _terminated || _state != SctpAssociationState.Closed)
            {
                return;
            }

            _started = true;
            _state = SctpAssociationState.CookieWait;
            _initRetransmits = 0;
            SendInit();
            _t1.Start(_rto.Rto, Now);
            events = TakeEvents();
        }

        Dispatch(events);
    }

    /// <summary>
    /// Queues a message, copying it, and sends what the windows allow at once (no Nagle). <paramref name="maxRetransmits"/>
    /// and <paramref name="maxLifetime"/> make it partially reliable (RFC 3758; ignored when the peer does not support
    /// FORWARD TSN). Allowed before the association is up: the message then waits for it.
    /// </summary>
    public SctpSendStatus Send(ushort streamId, uint payloadProtocolId, ReadOnlySpan<byte> message, bool unordered, int? maxRetransmits, TimeSpan? maxLifetime)
    {
        if (message.IsEmpty || message.Length > _options.MaxSendMessageSize)
        {
            return SctpSendStatus.TooLarge;
        }

        List<PendingEvent>? events;
        lock (_lock)
        {
            bool accepting = !_terminated && _state is SctpAssociationState.Closed or SctpAssociationState.CookieWait
                or SctpAssociationState.CookieEchoed or SctpAssociationState.Established;
            if (!accepting || _sendQueue.IsResetting(streamId) || (_retransmissions is not null && streamId >= _outboundStreams))
            {
                return SctpSendStatus.Closed;
            }

            long now = Now;
            bool partial = _retransmissions is null || _peerSupportsForwardTsn;
            long expiresAt = partial && maxLifetime is TimeSpan lifetime ? now + Math.Max(0, lifetime.Ticks) : long.MaxValue;
            int? retransmits = partial && maxRetransmits is int limit ? Math.Max(0, limit) : null;
            _sendQueue.Enqueue(new SctpOutboundMessage(streamId, payloadProtocolId, message, unordered, retransmits, expiresAt));
            _stats.MessagesSent++;
            if (_state == SctpAssociationState.Established)
            {
                Flush();
            }

            events = TakeEvents();
        }

        Dispatch(events);
        return SctpSendStatus.Ok;
    }

    /// <summary>Bytes of <paramref name="streamId"/>'s messages not yet acknowledged (nor given up).</summary>
    public long GetBufferedAmount(ushort streamId)
    {
        lock (_lock)
        {
            return _sendQueue.GetBufferedAmount(streamId);
        }
    }

    /// <summary>
    /// The application read <paramref name="bytes"/> of delivered messages. Delivered but unread bytes count against
    /// our receive window, so a slow reader throttles the sender; when reading opens the window by a good part, a
    /// SACK tells the peer at once (a window update) instead of leaving it to probe.
    /// </summary>
    public void MessageConsumed(int bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        List<PendingEvent>? events;
        lock (_lock)
        {
            _unconsumed = Math.Max(0, _unconsumed - bytes);
            if (_received is null || !IsUp)
            {
                return;
            }

            long opened = ReceiveWindowAvailable - _lastAdvertisedWindow;
            if (opened >= Math.Max(2L * _options.Mtu, _receiveWindow / 8))
            {
                _sackDue = true;
                _sackNow = true;
                Flush();
            }

            events = TakeEvents();
        }

        Dispatch(events);
    }

    /// <summary>
    /// Starts the graceful close (RFC 9260 §9.2): no new messages; what is queued is sent and acknowledged, then
    /// SHUTDOWN. Before the association is up, it just ends.
    /// </summary>
    public void Shutdown()
    {
        List<PendingEvent>? events;
        lock (_lock)
        {
            if (_terminated)
            {
                return;
            }

            switch (_state)
            {
                case SctpAssociationState.Closed:
                case SctpAssociationState.CookieWait:
                case SctpAssociationState.CookieEchoed:
                    Close(SctpCloseReason.Shutdown, null);
                    break;
                case SctpAssociationState.Established:
                    _state = SctpAssociationState.ShutdownPending;
                    _shutdownGuard.Start(_options.ShutdownGuardTimeout ?? (_options.RtoMax * 5), Now);
                    ProgressShutdown();
                    break;
            }

            events = TakeEvents();
        }

        Dispatch(events);
    }

    /// <summary>Ends the association at once, telling the peer with an ABORT carrying <paramref name="reason"/> (RFC 9260 §9.1).</summary>
    public void Abort(string reason)
    {
        List<PendingEvent>? events;
        lock (_lock)
        {
            if (_terminated)
            {
                return;
            }

            SendAbort(SctpErrorCauseCode.UserInitiatedAbort, reason);
            Close(SctpCloseReason.AbortSent, reason);
            events = TakeEvents();
        }

        Dispatch(events);
    }

    /// <summary>A snapshot of the counters.</summary>
    public SctpAssociationStats GetStats()
    {
        lock (_lock)
        {
            var dropped = new Dictionary<SctpDropReason, long>(_dropped.Length);
            foreach (SctpDropReason reason in Enum.GetValues<SctpDropReason>())
            {
                dropped[reason] = _dropped[(int)reason];
            }

            return new SctpAssociationStats
            {
                State = _state,
                PacketsSent = _stats.PacketsSent,
                BytesSent = _stats.BytesSent,
                PacketsReceived = _stats.PacketsReceived,
                BytesReceived = _stats.BytesReceived,
                DataChunksSent = _stats.DataChunksSent,
                DataChunksReceived = _stats.DataChunksReceived,
                MessagesSent = _stats.MessagesSent,
                MessagesReceived = _stats.MessagesReceived,
                Retransmissions = _stats.Retransmissions,
                FastRetransmits = _stats.FastRetransmits,
                T3Timeouts = _stats.T3Timeouts,
                MessagesAbandoned = _stats.MessagesAbandoned + (_retransmissions?.AbandonedMessages ?? 0),
                ForwardTsnsSent = _stats.ForwardTsnsSent,
                ForwardTsnsReceived = _stats.ForwardTsnsReceived,
                SacksSent = _stats.SacksSent,
                SacksReceived = _stats.SacksReceived,
                DuplicateTsnsReceived = _stats.DuplicateTsnsReceived,
                HandlerFailures = _stats.HandlerFailures,
                Dropped = dropped,
                Cwnd = _congestion?.Cwnd ?? 0,
                Ssthresh = _congestion?.Ssthresh ?? 0,
                FlightSize = _retransmissions?.FlightSize ?? 0,
                PeerReceiveWindow = _peerWindow,
                ReceiveWindow = ReceiveWindowAvailable,
                SmoothedRtt = _rto.SmoothedRtt,
                Rto = _rto.Rto,
            };
        }
    }

    /// <summary>
    /// Stops everything without a word to the peer or the handler (the transport below is gone): timers, queues and
    /// pooled buffers are released.
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            Terminate();
            _t1.Dispose();
            _t2.Dispose();
            _t3.Dispose();
            _delayedAck.Dispose();
            _heartbeat.Dispose();
            _reconfigTimer.Dispose();
            _shutdownGuard.Dispose();
        }
    }

    // Our receive window now: the buffer less what is held for reassembly and what the application has not read.
    private long ReceiveWindowAvailable => Math.Max(0, _receiveWindow - _reassembly.BytesHeld - _unconsumed);

    private uint NewTag()
    {
        uint tag;
        do
        {
            tag = NextUInt32();
        }
        while (tag == 0);
        return tag;
    }

    private uint NextUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        _random.NextBytes(bytes);
        return BitConverter.ToUInt32(bytes);
    }

    private void Drop(SctpDropReason reason) => _dropped[(int)reason]++;

    // Ends the association for good and tells the handler (last).
    private void Close(SctpCloseReason reason, string? detail)
    {
        if (_terminated)
        {
            return;
        }

        Terminate();
        _events.Add(new PendingEvent(EventKind.Closed, Reason: reason, Detail: detail));
    }

    private void Terminate()
    {
        _terminated = true;
        _state = SctpAssociationState.Closed;
        _t1.Stop();
        _t2.Stop();
        _t3.Stop();
        _delayedAck.Stop();
        _heartbeat.Stop();
        _reconfigTimer.Stop();
        _shutdownGuard.Stop();
        _retransmissions?.Clear();
        _sendQueue.Clear();
        _reassembly.Clear();
        _sendQueue.ClearDecreased();
    }

    // Protocol violation by the peer: ABORT with a cause, and end (RFC 9260 §9.1).
    private void AbortForViolation(SctpErrorCauseCode cause, string detail)
    {
        SendAbort(cause, detail);
        Close(SctpCloseReason.AbortSent, detail);
    }

    // Hands the events gathered under the lock to the caller, who dispatches them after releasing it.
    private List<PendingEvent>? TakeEvents()
    {
        IReadOnlyList<ushort> decreased = _sendQueue.Decreased;
        for (int i = 0; i < decreased.Count; i++)
        {
            _events.Add(new PendingEvent(EventKind.BufferedAmountDecreased, decreased[i], Amount: _sendQueue.GetBufferedAmount(decreased[i])));
        }

        _sendQueue.ClearDecreased();
        if (_events.Count == 0)
        {
            return null;
        }

        List<PendingEvent> events = _events;
        _events = Interlocked.Exchange(ref _spareEvents, null) ?? new List<PendingEvent>();
        return events;
    }

    // Outside the lock: a handler may call back in.
    private void Dispatch(List<PendingEvent>? events)
    {
        if (events is null)
        {
            return;
        }

        foreach (PendingEvent e in events)
        {
            try
            {
                switch (e.Kind)
                {
                    case EventKind.Established:
                        _handler.OnEstablished();
                        break;
                    case EventKind.Message:
                        _handler.OnMessage(e.StreamId, e.PayloadProtocolId, e.Data!);
                        break;
                    case EventKind.IncomingStreamsReset:
                        _handler.OnIncomingStreamsReset(e.Streams);
                        break;
                    case EventKind.OutgoingStreamsReset:
                        _handler.OnOutgoingStreamsReset(e.Streams);
                        break;
                    case EventKind.BufferedAmountDecreased:
                        _handler.OnBufferedAmountDecreased(e.StreamId, e.Amount);
                        break;
                    case EventKind.Closed:
                        _handler.OnClosed(e.Reason, e.Detail);
                        break;
                }
            }
            catch (Exception)
            {
                // A throwing handler must not break the association or the receive loop.
                Interlocked.Increment(ref _stats.HandlerFailures);
            }
        }

        events.Clear();
        Interlocked.CompareExchange(ref _spareEvents, events, null);
    }

    private static string DecodeReason(ReadOnlySpan<byte> info)
    {
        try
        {
            return Encoding.UTF8.GetString(info);
        }
        catch (ArgumentException)
        {
            return Convert.ToHexString(info);
        }
    }

    private enum EventKind : byte
    {
        Established,
        Message,
        IncomingStreamsReset,
        OutgoingStreamsReset,
        BufferedAmountDecreased,
        Closed,
    }

    private enum TimerKind : byte
    {
        T1,
        T2,
        T3,
        DelayedAck,
        Heartbeat,
        Reconfig,
        ShutdownGuard,
    }

    // One thing to tell the handler; which fields matter depends on the kind.
    private readonly record struct PendingEvent(
        EventKind Kind,
        ushort StreamId = 0,
        uint PayloadProtocolId = 0,
        byte[]? Data = null,
        ushort[]? Streams = null,
        long Amount = 0,
        SctpCloseReason Reason = SctpCloseReason.Shutdown,
        string? Detail = null);

    // The peer's side of the handshake, from its INIT or INIT ACK or from a cookie.
    private record struct PeerParameters(
        uint Tag,
        uint InitialTsn,
        uint ReceiverWindow,
        ushort OutboundStreams,
        ushort InboundStreams,
        bool SupportsForwardTsn,
        bool SupportsReconfig);

    private struct Stats
    {
        public long PacketsSent;
        public long BytesSent;
        public long PacketsReceived;
        public long BytesReceived;
        public long DataChunksSent;
        public long DataChunksReceived;
        public long MessagesSent;
        public long MessagesReceived;
        public long Retransmissions;
        public long FastRetransmits;
        public long T3Timeouts;
        public long MessagesAbandoned;
        public long ForwardTsnsSent;
        public long ForwardTsnsReceived;
        public long SacksSent;
        public long SacksReceived;
        public long DuplicateTsnsReceived;
        public long HandlerFailures;
    }
}
