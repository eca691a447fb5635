using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

// ICE and DTLS: gathering, trickle, starting checks once both descriptions are set, the DTLS handshake on the
// selected pair, and the aggregate connection state.
public sealed partial class PeerConnection
{
    private readonly List<IceCandidate> _pendingRemoteCandidates = new();
    private IceAgent? _ice;
    private bool _transportStarted;
    private bool _remoteEndOfCandidates;
    private IceCredentials? _remoteCredentials;
    private DtlsFingerprint? _remoteFingerprint;
    private DtlsRole? _dtlsRole;
    private DtlsHandshakeResult? _dtlsResult;
    private bool _dtlsStarted;
    private bool _dtlsFailed;

    /// <summary>
    /// Adds a remote candidate trickled by the peer (W3C addIceCandidate; RFC 8838 §11). An empty candidate means the
    /// peer has gathered everything. Candidates may arrive before the remote description; they wait for it.
    /// Candidates of an older ICE generation (another ufrag) are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The candidate string does not parse (the message quotes it).</exception>
    public void AddIceCandidate(IceCandidateInit candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        IceCandidate? parsed = null;
        if (!candidate.IsEndOfCandidates && !candidate.TryGetCandidate(out parsed))
        {
            throw new ArgumentException($"Not a valid ICE candidate (RFC 8839 §5.1): \"{candidate.Candidate}\".", nameof(candidate));
        }

        IceAgent? agent;
        lock (_gate)
        {
            ThrowIfClosed();
            if (candidate.UsernameFragment is string ufrag && _remoteCredentials is not null && ufrag != _remoteCredentials.UsernameFragment)
            {
                return;
            }

            agent = _transportStarted ? _ice : null;
            if (agent is null)
            {
                if (parsed is null)
                {
                    _remoteEndOfCandidates = true;
                }
                else
                {
                    _pendingRemoteCandidates.Add(parsed);
                }

                return;
            }
        }

        if (parsed is null)
        {
            agent.AddRemoteEndOfCandidates();
        }
        else
        {
            agent.AddRemoteCandidate(parsed);
        }
    }

    /// <summary>Sends a datagram on the selected pair (DTLS records and SRTP packets); false when there is none.</summary>
    internal bool SendDatagram(ReadOnlySpan<byte> datagram) => _ice?.Send(datagram) ?? false;

    /// <summary>Creates the agent with the role of the first description we set; false when it exists already.</summary>
    private bool CreateAgentOnce(IceRole role)
    {
        if (_ice is not null)
        {
            return false;
        }

        _ice = new IceAgent(new IceAgentOptions
        {
            Role = role,
            LocalCredentials = _localCredentials,
            Random = _random,
            TimeProvider = _options.TimeProvider,
            HostAddresses = HostAddresses.Select(_options.HostAddresses, _options.IncludeLoopback),
            StunServers = _options.StunServers,
            SocketReceiveBufferSize = _options.SocketReceiveBufferSize,
            SocketSendBufferSize = _options.SocketSendBufferSize,
        });
        _ice.StateChanged += OnIceStateChanged;
        _ice.SelectedPairChanged += OnSelectedPairChanged;
        _ice.DatagramReceived = OnDatagram;
        return true;
    }

    /// <summary>
    /// Gathers and trickles (RFC 8838 §9): host candidates are raised before this returns, server-reflexive ones as
    /// STUN servers answer, then end-of-candidates. With BUNDLE they belong to the first section (RFC 8843 §5.1).
    /// </summary>
    private void StartGathering(IceAgent agent, SessionDescription local)
    {
        int tagged = -1;
        for (int i = 0; i < local.MediaDescriptions.Count && tagged < 0; i++)
        {
            tagged = local.MediaDescriptions[i].IsRejected ? -1 : i;
        }

        string? mid = tagged < 0 ? null : local.MediaDescriptions[tagged].Mid;
        int? index = tagged < 0 ? null : tagged;
        string ufrag = _localCredentials.UsernameFragment;
        agent.CandidateGathered += c => Raise(IceCandidateGathered, IceCandidateInit.FromCandidate(c, mid, index, ufrag));
        agent.GatheringComplete += () => Raise(IceCandidateGathered, new IceCandidateInit(string.Empty, mid, index, ufrag));
        try
        {
            _ = agent.GatherAsync(_closing.Token).ContinueWith(
                t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: nothing to gather for.
        }
    }

    /// <summary>Takes the remote ICE credentials, candidates and fingerprint; new credentials mean the peer restarted ICE.</summary>
    private void AcceptRemoteTransport(TransportParameters parameters)
    {
        if (parameters.Credentials is null)
        {
            return;
        }

        bool restarted = _remoteCredentials is not null && _remoteCredentials != parameters.Credentials;
        _remoteCredentials = parameters.Credentials;
        _remoteFingerprint ??= parameters.Fingerprint;
        if (restarted)
        {
            _pendingRemoteCandidates.Clear();
            _remoteEndOfCandidates = false;
        }

        _pendingRemoteCandidates.AddRange(parameters.Candidates);
        _remoteEndOfCandidates |= parameters.EndOfCandidates;
        if (_transportStarted && _ice is not null)
        {
            _ice.SetRemoteCredentials(parameters.Credentials);
            foreach (IceCandidate candidate in _pendingRemoteCandidates)
            {
                _ice.AddRemoteCandidate(candidate);
            }

            _pendingRemoteCandidates.Clear();
        }
    }

    /// <summary>Once both descriptions are set: remote credentials and candidates to the agent, checks begin.</summary>
    private void StartTransport()
    {
        IceAgent agent;
        IceCandidate[] candidates;
        bool endOfCandidates;
        lock (_gate)
        {
            if (_transportStarted || _ice is null || _remoteCredentials is null || _closed)
            {
                return;
            }

            _transportStarted = true;
            agent = _ice;
            agent.SetRemoteCredentials(_remoteCredentials);
            candidates = _pendingRemoteCandidates.ToArray();
            _pendingRemoteCandidates.Clear();
            endOfCandidates = _remoteEndOfCandidates;
        }

        foreach (IceCandidate candidate in candidates)
        {
            agent.AddRemoteCandidate(candidate);
        }

        if (endOfCandidates)
        {
            agent.AddRemoteEndOfCandidates();
        }

        agent.Start();
        StartRtcpReports();
        UpdateConnectionState();
    }

    private void OnIceStateChanged(IceConnectionState state)
    {
        lock (_gate)
        {
            _iceConnectionState = state;
        }

        Raise(IceConnectionStateChanged, state);
        UpdateConnectionState();
    }

    private void OnSelectedPairChanged(IceCandidatePair pair)
    {
        DtlsRole role;
        DtlsFingerprint fingerprint;
        lock (_gate)
        {
            if (_dtlsStarted || _closed || _dtlsRole is not DtlsRole known || _remoteFingerprint is null)
            {
                return;
            }

            _dtlsStarted = true;
            role = known;
            fingerprint = _remoteFingerprint;
        }

        _ = RunDtlsAsync(role, fingerprint);
    }

    /// <summary>RFC 5763 §5: DTLS runs over the selected pair once ICE has one; its keys make the SRTP contexts.</summary>
    private async Task RunDtlsAsync(DtlsRole role, DtlsFingerprint remoteFingerprint)
    {
        try
        {
            DtlsHandshakeResult result = await _dtls.StartAsync(role, remoteFingerprint, _closing.Token).ConfigureAwait(false);
            lock (_srtpReceiveLock)
            {
                lock (_srtpSendLock)
                {
                    _dtlsResult = result;
                }
            }

            StartDataChannelsIfReady();
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                FailureReason = exception;
                _dtlsFailed = true;
            }
        }

        UpdateConnectionState();
    }

    /// <summary>W3C §4.4.3: the aggregate of the ICE and DTLS transport states. Raises the event on change.</summary>
    private void UpdateConnectionState()
    {
        PeerConnectionState state;
        lock (_gate)
        {
            state = _closed ? PeerConnectionState.Closed
                : _dtlsFailed || _iceConnectionState == IceConnectionState.Failed ? PeerConnectionState.Failed
                : _iceConnectionState == IceConnectionState.Disconnected ? PeerConnectionState.Disconnected
                : _dtlsResult is not null && _iceConnectionState is IceConnectionState.Connected or IceConnectionState.Completed
                    ? PeerConnectionState.Connected
                : _transportStarted ? PeerConnectionState.Connecting
                : PeerConnectionState.New;
            if (state == _connectionState)
            {
                return;
            }

            _connectionState = state;
            if (state == PeerConnectionState.Closed)
            {
                _signalingState = SignalingState.Closed;
            }
        }

        Raise(ConnectionStateChanged, state);
    }

    /// <summary>The ICE credentials, candidates and fingerprint of a remote description, checked before anything changes.</summary>
    private static TransportParameters ReadTransportParameters(SessionDescription remote)
    {
        SdpMediaDescription? first = remote.MediaDescriptions.FirstOrDefault(m => !m.IsRejected);
        string? ufrag = first?.IceUfrag ?? remote.IceUfrag;
        string? pwd = first?.IcePwd ?? remote.IcePwd;
        if (first is null)
        {
            return new TransportParameters(null, null, Array.Empty<IceCandidate>(), false);
        }

        if (string.IsNullOrEmpty(ufrag) || string.IsNullOrEmpty(pwd))
        {
            throw new ArgumentException("The remote description has no a=ice-ufrag and a=ice-pwd (RFC 8839 §5.4).");
        }

        SdpFingerprint? fingerprint = first.Fingerprints.FirstOrDefault() ?? remote.Fingerprints.FirstOrDefault();
        if (fingerprint is null || !DtlsFingerprint.TryParse(fingerprint.ToValue(), out DtlsFingerprint? parsed))
        {
            throw new ArgumentException("The remote description has no usable a=fingerprint (RFC 8122 §5); DTLS-SRTP needs one.");
        }

        var candidates = new List<IceCandidate>();
        foreach (SdpMediaDescription section in remote.MediaDescriptions.Where(m => !m.IsRejected))
        {
            foreach (SdpAttribute attribute in section.Attributes)
            {
                if (attribute.Name == SdpAttributeNames.Candidate && attribute.Value is string value
                    && IceCandidate.TryParse(value, out IceCandidate? candidate))
                {
                    candidates.Add(candidate);
                }
            }
        }

        return new TransportParameters(new IceCredentials(ufrag, pwd), parsed, candidates, first.EndOfCandidates);
    }

    /// <summary>What a remote description says about the transport.</summary>
    private sealed record TransportParameters(
        IceCredentials? Credentials, DtlsFingerprint? Fingerprint, IReadOnlyList<IceCandidate> Candidates, bool EndOfCandidates);
}
