using System;

namespace LiveKit.WebRtc.Sctp;

// The four-way handshake (RFC 9260 §5.1), INIT collisions and duplicates (§5.2), and the State Cookie.
internal sealed partial class SctpAssociation
{
    private void SendInit()
    {
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, 0);
        writer.TryWriteInit(
            SctpChunkType.Init, _localTag, (uint)_receiveWindow, _options.Streams, _options.Streams, _localInitialTsn,
            default, forwardTsnSupported: true, reconfigSupported: true);
        _initSentAt = Now;
        Transmit(ref writer);
    }

    private void SendCookieEcho()
    {
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteCookieEcho(_peerCookie);
        Transmit(ref writer);
    }

    // INIT (§5.1 B, §5.2.1, §5.2.2): answered with an INIT ACK and a cookie, and no state kept.
    private void HandleInit(in SctpChunk chunk)
    {
        if (!SctpInitChunk.TryParse(chunk, out SctpInitChunk init) || init.Type != SctpChunkType.Init || init.InitiateTag == 0)
        {
            // §3.3.2: an INIT with a zero Initiate Tag is silently discarded.
            Drop(SctpDropReason.Malformed);
            return;
        }

        if (init.OutboundStreams == 0 || init.InboundStreams == 0)
        {
            // §3.3.2: zero streams is an Invalid Mandatory Parameter, answered with ABORT on the INIT's tag.
            var abort = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, init.InitiateTag);
            abort.TryWriteAbort(false, SctpErrorCauseCode.InvalidMandatoryParameter, default);
            Transmit(ref abort);
            return;
        }

        if (_state == SctpAssociationState.ShutdownAckSent)
        {
            // §9.2: an INIT while our SHUTDOWN ACK is out is discarded and the SHUTDOWN ACK resent.
            SendShutdownAck();
            return;
        }

        uint initiateTag = _localTag;
        uint initialTsn = _localInitialTsn;
        uint localTieTag = 0;
        uint peerTieTag = 0;
        if (_state == SctpAssociationState.CookieEchoed)
        {
            // §5.2.1: the INIT ACK repeats our INIT's tag; the cookie carries our tags as Tie-Tags.
            localTieTag = _localTag;
            peerTieTag = _peerTag;
        }
        else if (IsUp)
        {
            // §5.2.2: an INIT for an association that is up (a peer restart): a new tag, the current ones as Tie-Tags.
            initiateTag = NewTag();
            initialTsn = NextUInt32();
            localTieTag = _localTag;
            peerTieTag = _peerTag;
        }

        var cookie = new SctpStateCookie(
            Now, initiateTag, init.InitiateTag, initialTsn, init.InitialTsn, init.AdvertisedReceiverWindowCredit,
            init.OutboundStreams, init.InboundStreams, localTieTag, peerTieTag, init.SupportsForwardTsn, init.SupportsReConfig);
        Span<byte> cookieBytes = stackalloc byte[SctpStateCookie.Size];
        cookie.TryWrite(cookieBytes, _cookieKey);

        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, init.InitiateTag);
        writer.TryWriteInit(
            SctpChunkType.InitAck, initiateTag, (uint)ReceiveWindowAvailable, _options.Streams, _options.Streams, initialTsn,
            cookieBytes, forwardTsnSupported: true, reconfigSupported: true);
        Transmit(ref writer);
    }

    // INIT ACK (§5.1 C): only in COOKIE-WAIT (§5.2.3); we echo the cookie and wait for COOKIE ACK.
    private void HandleInitAck(in SctpChunk chunk)
    {
        if (_state != SctpAssociationState.CookieWait)
        {
            Drop(SctpDropReason.UnexpectedChunk);
            return;
        }

        if (!SctpInitChunk.TryParse(chunk, out SctpInitChunk initAck) || initAck.InitiateTag == 0
            || !initAck.TryGetStateCookie(out ReadOnlySpan<byte> cookie) || cookie.IsEmpty)
        {
            Drop(SctpDropReason.Malformed);
            return;
        }

        if (initAck.OutboundStreams == 0 || initAck.InboundStreams == 0)
        {
            var abort = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, initAck.InitiateTag);
            abort.TryWriteAbort(false, SctpErrorCauseCode.InvalidMandatoryParameter, default);
            Transmit(ref abort);
            Close(SctpCloseReason.AbortSent, "The INIT ACK offered no streams.");
            return;
        }

        long now = Now;
        if (_initRetransmits == 0)
        {
            // INIT to INIT ACK is a round trip of a chunk sent once (§6.3.1 C5).
            _rto.AddMeasurement(TimeSpan.FromTicks(now - _initSentAt));
        }

        _peerTag = initAck.InitiateTag;
        _peerInit = new PeerParameters(
            initAck.InitiateTag, initAck.InitialTsn, initAck.AdvertisedReceiverWindowCredit, initAck.OutboundStreams,
            initAck.InboundStreams, initAck.SupportsForwardTsn, initAck.SupportsReConfig);
        _peerCookie = cookie.ToArray();
        _state = SctpAssociationState.CookieEchoed;
        _initRetransmits = 0;
        SendCookieEcho();
        _t1.Start(_rto.Rto, now);
    }

    // COOKIE ECHO (§5.1 D, §5.1.5, §5.2.4). False when the rest of the packet must be discarded.
    private bool HandleCookieEcho(in SctpChunk chunk, uint verificationTag)
    {
        SctpCookieStatus status = SctpStateCookie.Verify(chunk.Value, _cookieKey, Now, _options.CookieLifetime, out SctpStateCookie cookie, out TimeSpan age);
        if (status == SctpCookieStatus.Forged)
        {
            Drop(SctpDropReason.ForgedCookie);
            return false;
        }

        if (verificationTag != cookie.LocalTag)
        {
            Drop(SctpDropReason.BadVerificationTag);
            return false;
        }

        if (status == SctpCookieStatus.Stale)
        {
            // §5.1.5 step 3, §3.3.10.3: tell the peer by how much (microseconds) the cookie was late.
            Drop(SctpDropReason.StaleCookie);
            Span<byte> staleness = stackalloc byte[4];
            long late = (age - _options.CookieLifetime).Ticks / TimeSpan.TicksPerMicrosecond;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(staleness, (uint)Math.Min(late, uint.MaxValue));
            var error = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, cookie.PeerTag);
            error.TryWriteError(SctpErrorCauseCode.StaleCookie, staleness);
            Transmit(ref error);
            return false;
        }

        var peer = new PeerParameters(
            cookie.PeerTag, cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerOutboundStreams,
            cookie.PeerInboundStreams, cookie.PeerSupportsForwardTsn, cookie.PeerSupportsReconfig);
        if (_state == SctpAssociationState.Closed)
        {
            // No TCB (§5.1 D): the cookie makes one.
            Establish(peer, cookie.LocalTag, cookie.LocalInitialTsn);
            SendCookieAck();
            return true;
        }

        bool localMatch = cookie.LocalTag == _localTag;
        bool peerMatch = cookie.PeerTag == _peerTag;
        if (!localMatch && !peerMatch && cookie.LocalTieTag == _localTag && cookie.PeerTieTag == _peerTag)
        {
            // Action A: the peer restarted. Its data channels are gone; so is this association.
            var abort = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, cookie.PeerTag);
            abort.TryWriteAbort(false, SctpErrorCauseCode.UserInitiatedAbort, "Association restart is not supported"u8);
            Transmit(ref abort);
            Close(SctpCloseReason.Failed, "The peer restarted the association.");
            return false;
        }

        if (localMatch && !peerMatch)
        {
            // Action B: an INIT collision where the peer's tag changed (or was not known yet): take it from the cookie.
            if (IsUp)
            {
                _peerTag = cookie.PeerTag;
            }
            else
            {
                Establish(peer, cookie.LocalTag, cookie.LocalInitialTsn);
            }

            SendCookieAck();
            return true;
        }

        if (localMatch && peerMatch)
        {
            // Action D: our own handshake completing from the other side, or a COOKIE ECHO repeated.
            if (!IsUp)
            {
                Establish(peer, cookie.LocalTag, cookie.LocalInitialTsn);
            }

            SendCookieAck();
            return true;
        }

        // Action C (a late cookie of a handshake that lost) and anything else: silently discarded.
        Drop(SctpDropReason.UnexpectedCookie);
        return false;
    }

    private void HandleCookieAck()
    {
        if (_state != SctpAssociationState.CookieEchoed)
        {
            return;
        }

        Establish(_peerInit, _localTag, _localInitialTsn);
    }

    private void SendCookieAck()
    {
        var writer = new SctpPacketWriter(_packet, _options.LocalPort, _options.RemotePort, _peerTag);
        writer.TryWriteCookieAck();
        Transmit(ref writer);
    }

    // Builds the TCB (§5.1 D/E) and tells the handler.
    private void Establish(PeerParameters peer, uint localTag, uint localInitialTsn)
    {
        _t1.Stop();
        _peerCookie = null;
        _localTag = localTag;
        _localInitialTsn = localInitialTsn;
        _peerTag = peer.Tag;
        _peerSupportsForwardTsn = peer.SupportsForwardTsn;
        _peerSupportsReconfig = peer.SupportsReconfig;
        _outboundStreams = Math.Min(_options.Streams, peer.InboundStreams);
        _inboundStreams = Math.Min(_options.Streams, peer.OutboundStreams);
        _retransmissions = new SctpRetransmissionQueue(localInitialTsn, _sendQueue, peer.SupportsForwardTsn);
        _congestion = new SctpCongestionController(_options.Mtu, (int)Math.Min(peer.ReceiverWindow, int.MaxValue));
        _received = new SctpReceivedTsnTracker(peer.InitialTsn);
        _peerWindow = peer.ReceiverWindow;
        _errorCount = 0;
        _lastAdvertisedWindow = ReceiveWindowAvailable;

        // RFC 6525 §4.1: request sequence numbers start at the sender's initial TSN.
        _nextRequestSequence = localInitialTsn;
        _peerRequestSeen = false;
        _peerLastRequestSequence = peer.InitialTsn - 1;
        _state = SctpAssociationState.Established;
        _started = true;
        _events.Add(new PendingEvent(EventKind.Established));
        ScheduleHeartbeat();
        Flush();
    }

    // T1-init or T1-cookie expired (§5.1 A, C; §6.3.3 with Max.Init.Retransmits).
    private void OnT1Expired()
    {
        if (_state is not (SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed))
        {
            return;
        }

        if (++_initRetransmits > _options.MaxInitRetransmissions)
        {
            Close(SctpCloseReason.Failed, _state == SctpAssociationState.CookieWait ? "The peer never answered INIT." : "The peer never answered COOKIE ECHO.");
            return;
        }

        _rto.BackOff();
        if (_state == SctpAssociationState.CookieWait)
        {
            SendInit();
        }
        else
        {
            SendCookieEcho();
        }

        _t1.Start(_rto.Rto, Now);
    }
}
