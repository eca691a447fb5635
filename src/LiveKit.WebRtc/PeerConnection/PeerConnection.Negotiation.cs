using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Rtp;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

// Offer/answer (JSEP, RFC 8829 §5): building our descriptions, applying both sides', and matching transceivers.
public sealed partial class PeerConnection
{
    /// <summary>RFC 8843 §15.1: the mid in each RTP packet lets a BUNDLE receiver find the section.</summary>
    internal const string MidExtensionUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>RFC 6464: the audio level of each packet (LiveKit's speaker detection reads it).</summary>
    internal const string AudioLevelExtensionUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    private const string RtpProtocol = "UDP/TLS/RTP/SAVPF";
    private const int OfferedMidExtensionId = 1;
    private const int OfferedAudioLevelExtensionId = 2;

    /// <summary>The feedback we act on; the rest (transport-cc, goog-remb) is not answered.</summary>
    private static readonly string[] SupportedFeedback = { "nack", "nack pli", "ccm fir" };

    private SignalingState _signalingState;
    private SessionDescription? _currentLocal;
    private SessionDescription? _currentRemote;
    private SessionDescription? _pendingLocalOffer;
    private SessionDescription? _pendingRemoteOffer;

    /// <summary>The SDP of the last local description applied, or null.</summary>
    public string? LocalDescription
    {
        get
        {
            lock (_gate)
            {
                return (_pendingLocalOffer ?? _currentLocal)?.ToString();
            }
        }
    }

    /// <summary>The SDP of the last remote description applied, or null.</summary>
    public string? RemoteDescription
    {
        get
        {
            lock (_gate)
            {
                return (_pendingRemoteOffer ?? _currentRemote)?.ToString();
            }
        }
    }

    /// <summary>Creates an offer for every transceiver (JSEP §5.2). Mids are assigned now.</summary>
    /// <exception cref="InvalidOperationException">A remote offer is waiting for an answer, or the connection is closed.</exception>
    public async Task<SessionDescriptionInit> CreateOfferAsync(CancellationToken cancellationToken = default)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (_signalingState == SignalingState.HaveRemoteOffer)
                {
                    throw new InvalidOperationException("Cannot create an offer while a remote offer waits for an answer.");
                }

                return new SessionDescriptionInit(SdpType.Offer, BuildOffer().ToString());
            }
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <summary>Answers the remote offer with what we support (JSEP §5.3): our codecs, directions and streams.</summary>
    /// <exception cref="InvalidOperationException">No remote offer is set, or the connection is closed.</exception>
    public async Task<SessionDescriptionInit> CreateAnswerAsync(CancellationToken cancellationToken = default)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                ThrowIfClosed();
                SessionDescription offer = _pendingRemoteOffer
                    ?? throw new InvalidOperationException("Cannot create an answer without a remote offer.");
                return new SessionDescriptionInit(SdpType.Answer, BuildAnswer(offer).ToString());
            }
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <summary>
    /// Applies our offer or answer. The first one binds the ICE sockets and gathers: <see cref="IceCandidateGathered"/>
    /// reports the host candidates before this returns, server-reflexive ones when STUN servers answer, then
    /// end-of-candidates. An answer starts ICE and then DTLS.
    /// </summary>
    /// <exception cref="ArgumentException">The SDP does not parse (the message names the line).</exception>
    /// <exception cref="InvalidOperationException">The type does not fit the signaling state.</exception>
    public async Task SetLocalDescriptionAsync(SessionDescriptionInit description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        SessionDescription local = Parse(description, "local");
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        bool gather;
        List<RtpTransceiver> tracks = new();
        try
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (description.Type == SdpType.Offer)
                {
                    RequireState(SignalingState.Stable, SignalingState.HaveLocalOffer, "set a local offer");
                    AssignSectionIndexes(local);
                    _pendingLocalOffer = local;
                    _signalingState = SignalingState.HaveLocalOffer;
                }
                else
                {
                    RequireState(SignalingState.HaveRemoteOffer, SignalingState.HaveRemoteOffer, "set a local answer");
                    SessionDescription offer = _pendingRemoteOffer!;
                    tracks = ApplyNegotiation(offer, local, localIsOfferer: false);
                    _currentRemote = offer;
                    _currentLocal = local;
                    _pendingRemoteOffer = null;
                    _signalingState = SignalingState.Stable;
                }

                gather = CreateAgentOnce(description.Type == SdpType.Offer ? IceRole.Controlling : IceRole.Controlled);
            }
        }
        finally
        {
            _operations.Release();
        }

        Raise(SignalingStateChanged, SignalingState);
        if (gather)
        {
            StartGathering(_ice!, local);
        }

        AfterNegotiation(description.Type == SdpType.Answer, tracks);
    }

    /// <summary>Applies the peer's offer or answer. An answer starts ICE and then DTLS.</summary>
    /// <exception cref="ArgumentException">The SDP does not parse, or lacks ICE credentials or a fingerprint.</exception>
    /// <exception cref="InvalidOperationException">The type does not fit the signaling state.</exception>
    public async Task SetRemoteDescriptionAsync(SessionDescriptionInit description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        SessionDescription remote = Parse(description, "remote");
        TransportParameters parameters = ReadTransportParameters(remote);
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<RtpTransceiver> tracks = new();
        try
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (description.Type == SdpType.Offer)
                {
                    RequireState(SignalingState.Stable, SignalingState.Stable, "set a remote offer");
                    MatchTransceivers(remote);
                    _pendingRemoteOffer = remote;
                    _signalingState = SignalingState.HaveRemoteOffer;
                }
                else
                {
                    RequireState(SignalingState.HaveLocalOffer, SignalingState.HaveLocalOffer, "set a remote answer");
                    SessionDescription offer = _pendingLocalOffer!;
                    tracks = ApplyNegotiation(offer, remote, localIsOfferer: true);
                    _currentLocal = offer;
                    _currentRemote = remote;
                    _pendingLocalOffer = null;
                    _signalingState = SignalingState.Stable;
                }

                AcceptRemoteTransport(parameters);
            }
        }
        finally
        {
            _operations.Release();
        }

        Raise(SignalingStateChanged, SignalingState);
        AfterNegotiation(description.Type == SdpType.Answer, tracks);
    }

    private void AfterNegotiation(bool complete, List<RtpTransceiver> tracks)
    {
        if (complete)
        {
            StartTransport();
            StartDataChannelsIfReady();
        }

        foreach (RtpTransceiver transceiver in tracks)
        {
            Raise(TrackReceived, transceiver);
        }
    }

    private static SessionDescription Parse(SessionDescriptionInit description, string side)
    {
        if (!SdpParser.TryParse(description.Sdp, out SessionDescription? parsed, out SdpError? error))
        {
            throw new ArgumentException($"The {side} {description.TypeName} is not valid SDP: {error}", nameof(description));
        }

        return parsed;
    }

    private void RequireState(SignalingState allowed, SignalingState alsoAllowed, string action)
    {
        if (_signalingState != allowed && _signalingState != alsoAllowed)
        {
            throw new InvalidOperationException($"Cannot {action} in signaling state {_signalingState}.");
        }
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    private SessionDescription BuildOffer()
    {
        // JSEP §5.2.2: sections already negotiated keep their place; new transceivers are appended.
        var sections = new List<SdpMediaDescription>();
        var placed = new HashSet<RtpTransceiver>();
        bool dataPlaced = false;
        SessionDescription? previous = _currentLocal;
        if (previous is not null)
        {
            foreach (SdpMediaDescription section in previous.MediaDescriptions)
            {
                if (section.Mid is not null && section.Mid == _dataMid)
                {
                    dataPlaced = true;
                    sections.Add(OfferDataSection());
                    continue;
                }

                RtpTransceiver? transceiver = section.Mid is string mid ? _transceivers.Find(t => t.Mid == mid) : null;
                if (transceiver is null)
                {
                    sections.Add(RejectedCopy(section));
                    continue;
                }

                placed.Add(transceiver);
                sections.Add(OfferSection(transceiver));
            }
        }

        foreach (RtpTransceiver transceiver in _transceivers)
        {
            if (placed.Add(transceiver))
            {
                transceiver.Mid ??= NextMid();
                sections.Add(OfferSection(transceiver));
            }
        }

        if (OffersDataChannels && !dataPlaced)
        {
            sections.Add(OfferDataSection());
        }

        return Session(sections);
    }

    private SessionDescription BuildAnswer(SessionDescription offer)
    {
        var localSections = new Dictionary<string, SdpLocalSection>();
        foreach (RtpTransceiver transceiver in _transceivers)
        {
            if (transceiver.Mid is string mid)
            {
                SdpMediaDirection direction = transceiver.IsStopped ? SdpMediaDirection.Inactive : transceiver.Direction;
                localSections[mid] = new SdpLocalSection(direction, direction.Sends() ? SourceOf(transceiver) : null);
            }
        }

        var capabilities = new SdpLocalCapabilities
        {
            Codecs = _transceivers.SelectMany(t => t.Codecs).Select(c => c.ToCapability()).Distinct().ToArray(),
            HeaderExtensionUris = _options.ReceiveSimulcast
                ? new[] { MidExtensionUri, AudioLevelExtensionUri, RtpStreamIdExtension.Uri, RtpStreamIdExtension.RepairedUri }
                : new[] { MidExtensionUri, AudioLevelExtensionUri },
            RtcpFeedback = SupportedFeedback,
            DataChannels = true,
        };
        SessionDescription answer = SdpAnswerBuilder.CreateAnswer(offer, capabilities, new SdpAnswerOptions
        {
            IceUfrag = _localCredentials.UsernameFragment,
            IcePwd = _localCredentials.Password,
            Fingerprint = LocalSdpFingerprint(),
            SetupRoleForActPass = _options.AnswerSetupRole,
            SessionId = _sessionId,
            SessionVersion = ++_sessionVersion,
            LocalSections = localSections,
            ReceiveSimulcast = _options.ReceiveSimulcast,
            SctpPort = DataChannels.DataChannelTransport.DefaultSctpPort,
            MaxMessageSize = (ulong)_options.MaxMessageSize,
        });
        return answer;
    }

    private SessionDescription Session(List<SdpMediaDescription> sections)
    {
        var attributes = new List<SdpAttribute>();
        string[] bundled = sections.Where(s => !s.IsRejected && s.Mid is not null).Select(s => s.Mid!).ToArray();
        if (bundled.Length > 0)
        {
            attributes.Add(new SdpGroup(SdpGroup.Bundle, bundled).ToAttribute());
        }

        attributes.Add(new SdpMsidSemantic("WMS", Array.Empty<string>()).ToAttribute());
        return new SessionDescription
        {
            Origin = new SdpOrigin("-", _sessionId, ++_sessionVersion, "IN", "IP4", "127.0.0.1"),
            Attributes = attributes,
            MediaDescriptions = sections,
        };
    }

    private SdpMediaDescription OfferSection(RtpTransceiver transceiver)
    {
        string mid = transceiver.Mid!;
        if (transceiver.IsStopped)
        {
            return new SdpMediaDescription
            {
                Kind = transceiver.Kind.ToSdp(),
                Port = 0,
                Protocol = RtpProtocol,
                Formats = transceiver.Codecs.Select(c => SdpText.Format(c.PayloadType)).ToArray(),
                Connections = new[] { SdpConnection.Unspecified },
                Attributes = new[] { new SdpAttribute(SdpAttributeNames.Mid, mid) },
            };
        }

        var attributes = new List<SdpAttribute>
        {
            new(SdpAttributeNames.IceUfrag, _localCredentials.UsernameFragment),
            new(SdpAttributeNames.IcePwd, _localCredentials.Password),
            new(SdpAttributeNames.IceOptions, "trickle"),
            LocalSdpFingerprint().ToAttribute(),

            // RFC 8842 §5.2: offers say actpass, and the answerer picks (JSEP §5.2.1 for every offer).
            new(SdpAttributeNames.Setup, SdpSetupRole.ActPass.ToValue()),
            new(SdpAttributeNames.Mid, mid),
        };
        attributes.Add(new SdpExtmap(transceiver.MidExtensionId ?? OfferedMidExtensionId, null, MidExtensionUri).ToAttribute());
        if (transceiver.Kind == MediaKind.Audio)
        {
            attributes.Add(new SdpExtmap(transceiver.AudioLevelExtensionId ?? OfferedAudioLevelExtensionId, null, AudioLevelExtensionUri).ToAttribute());
        }

        attributes.Add(new SdpAttribute(transceiver.Direction.ToAttributeName()));
        SdpLocalSource? source = transceiver.Direction.Sends() ? SourceOf(transceiver) : null;
        if (source is not null)
        {
            attributes.Add(source.Msid.ToAttribute());
        }

        attributes.Add(new SdpAttribute(SdpAttributeNames.RtcpMux));
        attributes.Add(new SdpAttribute(SdpAttributeNames.RtcpRsize));
        foreach (RtpCodec codec in transceiver.Codecs)
        {
            attributes.Add(new SdpRtpMap(codec.PayloadType, codec.Name, codec.ClockRate, codec.Channels).ToAttribute());
            foreach (string feedback in codec.RtcpFeedback ?? Array.Empty<string>())
            {
                int space = feedback.IndexOf(' ', StringComparison.Ordinal);
                attributes.Add(new SdpRtcpFeedback(codec.PayloadType, space < 0 ? feedback : feedback[..space], space < 0 ? null : feedback[(space + 1)..]).ToAttribute());
            }

            if (codec.FormatParameters is string fmtp)
            {
                attributes.Add(new SdpFmtp(codec.PayloadType, fmtp).ToAttribute());
            }
        }

        if (source is not null)
        {
            attributes.AddRange(source.ToSsrcAttributes());
        }

        return new SdpMediaDescription
        {
            Kind = transceiver.Kind.ToSdp(),
            Port = 9, // JSEP §5.2.1: the dummy port; candidates trickle.
            Protocol = RtpProtocol,
            Formats = transceiver.Codecs.Select(c => SdpText.Format(c.PayloadType)).ToArray(),
            Connections = new[] { SdpConnection.Unspecified },
            Attributes = attributes,
        };
    }

    /// <summary>A section we cannot use (one whose transceiver is gone) stays in place, rejected.</summary>
    private static SdpMediaDescription RejectedCopy(SdpMediaDescription section) => section with
    {
        Port = 0,
        Attributes = section.Mid is string mid ? new[] { new SdpAttribute(SdpAttributeNames.Mid, mid) } : Array.Empty<SdpAttribute>(),
    };

    private SdpLocalSource SourceOf(RtpTransceiver transceiver) =>
        new(transceiver.Sender.Ssrc, _cname, new SdpMsid(transceiver.Sender.StreamId, transceiver.Sender.TrackId));

    private SdpFingerprint LocalSdpFingerprint()
    {
        string[] parts = _dtls.LocalFingerprint.ToString().Split(' ');
        return new SdpFingerprint(parts[0], parts[1]);
    }

    private string NextMid()
    {
        // JSEP §5.2.1: any unique token; small integers like browsers use.
        for (int i = 0; ; i++)
        {
            string mid = SdpText.Format(i);
            if (!_transceivers.Exists(t => t.Mid == mid) && mid != _dataMid && !UsedInDescriptions(mid))
            {
                return mid;
            }
        }
    }

    private bool UsedInDescriptions(string mid) =>
        (_currentLocal?.FindByMid(mid) ?? _currentRemote?.FindByMid(mid)) is not null;

    private void AssignSectionIndexes(SessionDescription description)
    {
        for (int i = 0; i < description.MediaDescriptions.Count; i++)
        {
            string? mid = description.MediaDescriptions[i].Mid;
            RtpTransceiver? transceiver = mid is null ? null : _transceivers.Find(t => t.Mid == mid);
            if (transceiver is not null)
            {
                transceiver.MLineIndex = i;
            }
        }
    }

    /// <summary>
    /// W3C §4.4.1.5 (set a remote offer): each audio or video section finds the transceiver with its mid, else an
    /// unassociated transceiver of its kind that we added, else a new receive-only transceiver.
    /// </summary>
    private void MatchTransceivers(SessionDescription offer)
    {
        for (int i = 0; i < offer.MediaDescriptions.Count; i++)
        {
            SdpMediaDescription section = offer.MediaDescriptions[i];
            if (!MediaKinds.TryParse(section.Kind, out MediaKind kind) || section.Mid is not string mid)
            {
                continue;
            }

            RtpTransceiver? transceiver = _transceivers.Find(t => t.Mid == mid)
                ?? _transceivers.Find(t => t.Mid is null && t.Kind == kind && !t.IsStopped);
            transceiver ??= CreateTransceiver(kind, SdpMediaDirection.RecvOnly, RtpCodec.DefaultsFor(kind));
            transceiver.Mid = mid;
            transceiver.MLineIndex = i;
        }
    }

    /// <summary>
    /// Applies a completed offer/answer to each transceiver: direction, codecs, header extension ids, the remote
    /// stream's msid and SSRCs, and the DTLS role. Returns the transceivers that now receive a new remote track.
    /// </summary>
    private List<RtpTransceiver> ApplyNegotiation(SessionDescription offer, SessionDescription answer, bool localIsOfferer)
    {
        SessionDescription remote = localIsOfferer ? answer : offer;
        var newTracks = new List<RtpTransceiver>();
        for (int i = 0; i < answer.MediaDescriptions.Count && i < offer.MediaDescriptions.Count; i++)
        {
            SdpMediaDescription answered = answer.MediaDescriptions[i];
            string? mid = answered.Mid ?? offer.MediaDescriptions[i].Mid;
            RtpTransceiver? transceiver = mid is null ? null : _transceivers.Find(t => t.Mid == mid);
            if (transceiver is null)
            {
                continue;
            }

            transceiver.MLineIndex = i;
            if (answered.IsRejected)
            {
                transceiver.IsStopped = true;
                transceiver.CurrentDirection = SdpMediaDirection.Inactive;
                transceiver.Sender.Negotiated(null, null, 0, 0);
                continue;
            }

            SdpMediaDirection direction = localIsOfferer ? answered.Direction.Reverse() : answered.Direction;
            transceiver.CurrentDirection = direction;
            var codecs = new List<RtpCodec>();
            foreach (string format in answered.Formats)
            {
                if (SdpText.TryParseInt(format, out int payloadType) && answered.GetRtpMap(payloadType) is SdpRtpMap map
                    && transceiver.Codecs.Any(c => c.Matches(map)))
                {
                    codecs.Add(RtpCodec.FromSection(transceiver.Kind, answered, map));
                }
            }

            transceiver.MidExtensionId = answered.Extmaps.FirstOrDefault(e => e.Uri == MidExtensionUri)?.Id;
            transceiver.AudioLevelExtensionId = answered.Extmaps.FirstOrDefault(e => e.Uri == AudioLevelExtensionUri)?.Id;
            transceiver.RidExtensionId = answered.Extmaps.FirstOrDefault(e => e.Uri == RtpStreamIdExtension.Uri)?.Id;
            transceiver.RepairedRidExtensionId = answered.Extmaps.FirstOrDefault(e => e.Uri == RtpStreamIdExtension.RepairedUri)?.Id;
            transceiver.Receiver.Rids = direction.Receives() ? ReceiveRids(localIsOfferer ? offer.MediaDescriptions[i] : answered) : Array.Empty<string>();
            transceiver.Sender.Negotiated(direction.Sends() ? codecs.FirstOrDefault() : null, mid, transceiver.MidExtensionId ?? 0, transceiver.AudioLevelExtensionId ?? 0);
            transceiver.Receiver.Codecs = codecs;
            if (direction.Receives() && BindRemoteStream(transceiver, remote.MediaDescriptions[i]))
            {
                newTracks.Add(transceiver);
            }
        }

        ApplyDataNegotiation(offer, answer, localIsOfferer);
        ResolveDtlsRole(answer, localIsOfferer);
        return newTracks;
    }

    /// <summary>
    /// The rids our side of the section receives (RFC 8853 §5.1, RFC 8851): its <c>a=rid:&lt;id&gt; recv</c> lines, in SDP
    /// order, when it has <c>a=simulcast</c> with a recv list; none otherwise.
    /// </summary>
    private static IReadOnlyList<string> ReceiveRids(SdpMediaDescription localSection)
    {
        if (localSection.Simulcast is not { Receive.Count: > 0 })
        {
            return Array.Empty<string>();
        }

        return localSection.Rids.Where(r => r.Direction == SdpRidDirection.Receive).Select(r => r.Id).Distinct().ToArray();
    }

    /// <summary>Reads the remote section's msid and SSRCs into the receiver; true when the track is new.</summary>
    private bool BindRemoteStream(RtpTransceiver transceiver, SdpMediaDescription remoteSection)
    {
        RtpReceiver receiver = transceiver.Receiver;
        SdpMsid? msid = remoteSection.Msids.FirstOrDefault();
        if (msid is null)
        {
            // RFC 5576 §4.1 (Plan B style senders): a=ssrc:<ssrc> msid:<stream> <track>.
            string? value = remoteSection.Ssrcs.FirstOrDefault(s => s.Attribute == SdpSsrc.MsidAttribute)?.Value;
            if (value is not null && SdpMsid.TryParse(value, out SdpMsid? fromSsrc, out _))
            {
                msid = fromSsrc;
            }
        }

        string? trackId = msid?.TrackId ?? msid?.StreamId ?? transceiver.Mid;
        bool isNew = !transceiver.HasRemoteTrack || receiver.TrackId != trackId;
        transceiver.HasRemoteTrack = true;
        receiver.TrackId = trackId;
        receiver.StreamIds = msid is null || msid.StreamId == "-" ? Array.Empty<string>() : new[] { msid.StreamId };
        foreach (SdpSsrc ssrc in remoteSection.Ssrcs)
        {
            BindSsrc(ssrc.Ssrc, receiver, rid: null);
        }

        return isNew;
    }

    /// <summary>RFC 8842 §5.3 and §5.5: the answer's setup decides; it is fixed for the life of the association.</summary>
    private void ResolveDtlsRole(SessionDescription answer, bool localIsOfferer)
    {
        if (_dtlsRole is not null)
        {
            return;
        }

        SdpSetupRole? setup = answer.MediaDescriptions.FirstOrDefault(m => !m.IsRejected)?.Setup ?? answer.Setup;
        bool answererIsClient = setup != SdpSetupRole.Passive;
        _dtlsRole = answererIsClient == localIsOfferer ? DtlsRole.Server : DtlsRole.Client;
    }
}
