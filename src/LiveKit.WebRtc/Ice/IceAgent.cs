using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// A full ICE agent (RFC 8445) for one component over UDP, with trickle (RFC 8838) and consent freshness
/// (RFC 7675). Host and server-reflexive candidates (no TURN); the controlling side uses regular nomination (§8.1.1).
/// All state lives under one lock; events are raised after the lock is released, in the order they happened.
/// </summary>
internal sealed partial class IceAgent : IAsyncDisposable
{
    private readonly IceAgentOptions _options;
    private readonly Lock _gate = new();
    private readonly List<IceHostSocket> _sockets = new();
    private readonly List<IceCandidate> _serverReflexiveCandidates = new();
    private readonly Queue<IceGatheringTransaction> _pendingGathering = new();
    private readonly Dictionary<StunTransactionId, IceGatheringTransaction> _gatheringTransactions = new();
    private readonly List<IceCandidate> _remoteCandidates = new();
    private readonly IceCheckList _checkList = new();
    private readonly Queue<IceCandidatePair> _triggeredChecks = new();
    private readonly Dictionary<StunTransactionId, IceCheckTransaction> _transactions = new();
    private readonly List<Action> _pendingEvents = new();
    private readonly byte[] _responseBuffer = new byte[IceCheckMessages.MaxLength];
    private ITimer? _timer;
    private TimeSpan _timerPeriod;
    private bool _checksStarted;
    private TaskCompletionSource<IReadOnlyList<IceCandidate>>? _gathering;
    private IceCredentials? _remoteCredentials;
    private bool _remoteEndOfCandidates;
    private bool _restarting;
    private IceCandidatePair? _selectedPair;
    private IceHostSocket? _selectedSocket;

    // Sources non-STUN datagrams are accepted from (RFC 8445 §12.2), the selected pair's first. Replaced whole under
    // the lock, read without it by the receive loop, so media reception takes no lock and allocates nothing.
    private SocketAddress[] _knownRemoteAddresses = Array.Empty<SocketAddress>();
    private long _lastConsentAt;
    private long _nextConsentAt;
    private long _droppedDatagrams;
    private bool _disposed;
    private bool _raisingEvents;
    private long _eventHandlerFailures;
    private long _lastPacedAt;

    /// <summary>Creates an agent; call <see cref="GatherAsync"/> (or <see cref="GatherHostCandidates"/>), then <see cref="Start"/>.</summary>
    public IceAgent(IceAgentOptions? options = null)
    {
        _options = options ?? new IceAgentOptions();
        Role = _options.Role;
        TieBreaker = _options.TieBreaker ?? (ulong)_options.Random.NextInt64(long.MinValue, long.MaxValue);
        LocalCredentials = _options.LocalCredentials ?? IceCredentials.Generate(_options.Random);
    }

    /// <summary>The state changed.</summary>
    public event Action<IceConnectionState>? StateChanged;

    /// <summary>A pair was selected (nominated and valid, RFC 8445 §8.1.1, §8.2).</summary>
    public event Action<IceCandidatePair>? SelectedPairChanged;

    /// <summary>
    /// A local candidate was gathered: each host candidate as its socket is bound, each server-reflexive one as a STUN
    /// server answers (RFC 8445 §5.1.1). Trickle each to the peer (RFC 8838 §9).
    /// </summary>
    public event Action<IceCandidate>? CandidateGathered;

    /// <summary>
    /// Gathering started by <see cref="GatherAsync"/> finished: every STUN server answered or timed out. Signal
    /// end-of-candidates to the peer (RFC 8838 §13).
    /// </summary>
    public event Action? GatheringComplete;

    /// <summary>
    /// Receives non-STUN datagrams (DTLS, SRTP), classified by RFC 7983, from remote addresses the agent knows: those
    /// of remote candidates, signalled or peer-reflexive, and of the selected pair. Others are dropped and counted in
    /// <see cref="DroppedDatagramCount"/>. Set it before connecting.
    /// </summary>
    public IceDatagramHandler? DatagramReceived { get; set; }

    /// <summary>The current role.</summary>
    public IceRole Role { get; private set; }

    /// <summary>The tie-breaker sent in ICE-CONTROLLING/ICE-CONTROLLED (RFC 8445 §7.1.3).</summary>
    public ulong TieBreaker { get; }

    /// <summary>The local ufrag and password; replaced by <see cref="Restart"/>.</summary>
    public IceCredentials LocalCredentials { get; private set; }

    /// <summary>The state.</summary>
    public IceConnectionState State { get; private set; } = IceConnectionState.New;

    /// <summary>Where gathering stands; <see cref="IceGatheringState.Complete"/> once <see cref="GatherAsync"/> has finished.</summary>
    public IceGatheringState GatheringState { get; private set; } = IceGatheringState.New;

    /// <summary>The pair application data flows on, or null.</summary>
    public IceCandidatePair? SelectedPair
    {
        get
        {
            lock (_gate)
            {
                return _selectedPair;
            }
        }
    }

    /// <summary>
    /// Datagrams dropped: malformed STUN, rejected requests (answered 400, 401 or 420), unmatched responses, media from
    /// unknown sources, media with no handler, and <see cref="ReceiveFailureCount"/>.
    /// </summary>
    public long DroppedDatagramCount => Interlocked.Read(ref _droppedDatagrams) + ReceiveFailureCount;

    /// <summary>
    /// Exceptions thrown while a received datagram was handled, by the agent or by <see cref="DatagramReceived"/>, caught
    /// by the receive loop. Anything but zero from the agent itself is a bug; the fuzz tests check it.
    /// </summary>
    public long ReceiveFailureCount
    {
        get
        {
            long failures = 0;
            lock (_gate)
            {
                foreach (IceHostSocket socket in _sockets)
                {
                    failures += socket.HandlerFailures;
                }
            }

            return failures;
        }
    }

    /// <summary>Exceptions thrown by <see cref="StateChanged"/> or <see cref="SelectedPairChanged"/> subscribers, caught and counted.</summary>
    public long EventHandlerFailureCount => Interlocked.Read(ref _eventHandlerFailures);

    /// <summary>The local candidates gathered so far: host candidates, then server-reflexive ones.</summary>
    public IReadOnlyList<IceCandidate> LocalCandidates
    {
        get
        {
            lock (_gate)
            {
                return LocalCandidatesSnapshot();
            }
        }
    }

    /// <summary>
    /// Binds a UDP socket on each configured address and returns their host candidates (RFC 8445 §5.1.1.1).
    /// Each address gets a distinct local preference (§5.1.2.1). Trickle them to the peer (RFC 8838 §9).
    /// Each is also raised through <see cref="CandidateGathered"/>. Asks no STUN server: see <see cref="GatherAsync"/>.
    /// </summary>
    public IReadOnlyList<IceCandidate> GatherHostCandidates()
    {
        IReadOnlyList<IceCandidate> gathered;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            gathered = BindHostSockets();
        }

        RaisePendingEvents();
        return gathered;
    }

    /// <summary>Sets the peer's ufrag and password. New ones from the peer mean it restarted ICE (RFC 8445 §9).</summary>
    public void SetRemoteCredentials(IceCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        lock (_gate)
        {
            if (_remoteCredentials is not null && _remoteCredentials != credentials)
            {
                ResetChecks();
            }

            _remoteCredentials = credentials;
        }

        RaisePendingEvents();
    }

    /// <summary>
    /// Adds a trickled remote candidate (RFC 8838 §11) and pairs it with every local candidate. Candidates this agent
    /// cannot check (mDNS names, TCP, other components) and duplicates are ignored and return false.
    /// </summary>
    public bool AddRemoteCandidate(IceCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (_gate)
        {
            if (_disposed || candidate.Transport != IceTransportProtocol.Udp || candidate.Component != 1
                || !candidate.TryGetEndPoint(out IPEndPoint? endPoint))
            {
                return false;
            }

            // A candidate trickled twice (or learned as prflx before it was signalled) adds nothing (RFC 8838 §11; the prflx one keeps its type).
            if (_remoteCandidates.Exists(c => c.TryGetEndPoint(out IPEndPoint? known) && known.Equals(endPoint)))
            {
                return false;
            }

            _remoteCandidates.Add(candidate);
            foreach (IceHostSocket socket in _sockets)
            {
                TryAddPair(socket.Candidate, candidate);
            }

            RefreshKnownRemoteAddresses();
            RunPacedWork(_options.TimeProvider.GetTimestamp());
        }

        RaisePendingEvents();
        return true;
    }

    /// <summary>The peer gathered all its candidates (RFC 8838 §14): now failure of every pair is final.</summary>
    public void AddRemoteEndOfCandidates()
    {
        lock (_gate)
        {
            _remoteEndOfCandidates = true;
            if (State == IceConnectionState.Connected && !_restarting)
            {
                SetState(IceConnectionState.Completed);
            }
        }

        RaisePendingEvents();
    }

    /// <summary>Starts connectivity checks, paced every Ta (RFC 8445 §6.1.4.2); they begin once remote credentials are set.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _checksStarted = true;
            EnsureTimer();
            RunPacedWork(_options.TimeProvider.GetTimestamp());
        }

        RaisePendingEvents();
    }

    /// <summary>
    /// Restarts ICE (RFC 8445 §9): new local credentials, remote candidates and checks cleared, sockets and the
    /// selected pair kept so that data flows until a new pair is selected. Signal the new credentials to the peer.
    /// </summary>
    public IceCredentials Restart()
    {
        IceCredentials credentials;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            credentials = LocalCredentials = IceCredentials.Generate(_options.Random);
            ResetChecks();
            _remoteCredentials = null;
        }

        RaisePendingEvents();
        return credentials;
    }

    /// <summary>
    /// Sends a datagram on the selected pair; false when none is selected or the send failed. Sends to the pair's
    /// cached <see cref="SocketAddress"/>, so a media send loop allocates nothing.
    /// </summary>
    public bool Send(ReadOnlySpan<byte> datagram)
    {
        IceCandidatePair? pair;
        IceHostSocket? socket;
        lock (_gate)
        {
            pair = _selectedPair;
            socket = _selectedSocket;
        }

        return pair is not null && socket is not null && socket.TrySend(datagram, pair.RemoteSocketAddress);
    }

    /// <summary>Stops the timer, closes the sockets and moves to Closed.</summary>
    public async ValueTask DisposeAsync()
    {
        IceHostSocket[] sockets;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            sockets = _sockets.ToArray();
            SetState(IceConnectionState.Closed);

            // A caller awaiting GatherAsync gets what was gathered rather than waiting on closed sockets.
            if (_gathering is { } gathering && GatheringState == IceGatheringState.Gathering)
            {
                IReadOnlyList<IceCandidate> candidates = LocalCandidatesSnapshot();
                _pendingEvents.Add(() => gathering.TrySetResult(candidates));
            }

            _pendingGathering.Clear();
            _gatheringTransactions.Clear();
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        foreach (IceHostSocket socket in sockets)
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }

        RaisePendingEvents();
    }

    private void ResetChecks()
    {
        _remoteCandidates.Clear();
        _checkList.Clear();
        _triggeredChecks.Clear();
        _transactions.Clear();
        _remoteEndOfCandidates = false;
        _restarting = _selectedPair is not null;
        UseCheckPace();
        RefreshKnownRemoteAddresses();
        if (State is not (IceConnectionState.New or IceConnectionState.Closed))
        {
            SetState(IceConnectionState.Checking);
        }
    }

    private IReadOnlyList<IceCandidate> LocalCandidatesSnapshot()
    {
        var candidates = new List<IceCandidate>(_sockets.Count + _serverReflexiveCandidates.Count);
        foreach (IceHostSocket socket in _sockets)
        {
            candidates.Add(socket.Candidate);
        }

        candidates.AddRange(_serverReflexiveCandidates);
        return candidates;
    }

    private List<IceCandidate> BindHostSockets()
    {
        var gathered = new List<IceCandidate>();
        foreach (IPAddress address in _options.HostAddresses)
        {
            int localPreference = IceCandidate.MaxLocalPreference - _sockets.Count;
            IceHostSocket socket = IceHostSocket.Bind(
                address, localPreference, OnDatagram, _options.SocketReceiveBufferSize, _options.SocketSendBufferSize);
            _sockets.Add(socket);
            gathered.Add(socket.Candidate);
            foreach (IceCandidate remote in _remoteCandidates)
            {
                TryAddPair(socket.Candidate, remote);
            }

            IceCandidate candidate = socket.Candidate;
            _pendingEvents.Add(() => CandidateGathered?.Invoke(candidate));
        }

        return gathered;
    }

    // One timer paces everything the agent sends on its own: gathering requests, checks and consent (RFC 8445 §14).
    private void EnsureTimer()
    {
        if (_timer is null)
        {
            _timerPeriod = _options.CheckInterval;
            _timer = _options.TimeProvider.CreateTimer(_ => OnTick(), null, _timerPeriod, _timerPeriod);
        }
    }

    /// <summary>Back to one tick per Ta: a check or gathering request is in flight (its retransmissions need it).</summary>
    private void UseCheckPace() => SetTimerPeriod(_options.CheckInterval);

    private void SetTimerPeriod(TimeSpan period)
    {
        if (_timer is not null && _timerPeriod != period)
        {
            _timerPeriod = period;
            _timer.Change(period, period);
        }
    }

    private IceCandidatePair? TryAddPair(IceCandidate local, IceCandidate remote)
    {
        if (!remote.TryGetEndPoint(out IPEndPoint? endPoint)
            || !IPAddress.TryParse(local.Address, out IPAddress? localIp)
            || localIp.AddressFamily != endPoint.AddressFamily)
        {
            return null;
        }

        return _checkList.Add(new IceCandidatePair(local, remote, endPoint, Role));
    }

    private IceHostSocket? SocketOf(IceCandidate local)
    {
        foreach (IceHostSocket socket in _sockets)
        {
            if (ReferenceEquals(socket.Candidate, local))
            {
                return socket;
            }
        }

        return null;
    }

    private void OnDatagram(IceHostSocket socket, ReadOnlySpan<byte> datagram, SocketAddress sourceAddress)
    {
        PacketClass packetClass = PacketClassifier.Classify(datagram);
        if (packetClass != PacketClass.Stun)
        {
            IceDatagramHandler? handler = DatagramReceived;
            if (handler is null || !IsKnownRemoteAddress(sourceAddress))
            {
                Interlocked.Increment(ref _droppedDatagrams);
                return;
            }

            handler(datagram, packetClass);
            return;
        }

        // Only STUN needs the source as an endpoint (checks, peer-reflexive candidates); media never pays for one.
        IPEndPoint source = socket.ToEndPoint(sourceAddress);
        bool handled;
        lock (_gate)
        {
            handled = !_disposed && HandleStun(socket, datagram, source);

            // A triggered check queued or a nomination due: start it now rather than at the next tick.
            if (handled)
            {
                RunPacedWork(_options.TimeProvider.GetTimestamp());
            }
        }

        if (!handled)
        {
            Interlocked.Increment(ref _droppedDatagrams);
        }

        RaisePendingEvents();
    }

    private void Select(IceCandidatePair pair)
    {
        if (ReferenceEquals(_selectedPair, pair) && !_restarting)
        {
            return;
        }

        SetSelectedPair(pair);
        _restarting = false;
        long now = _options.TimeProvider.GetTimestamp();
        _lastConsentAt = now;
        _nextConsentAt = now + JitteredConsentInterval();
        SetState(_remoteEndOfCandidates ? IceConnectionState.Completed : IceConnectionState.Connected);
        _pendingEvents.Add(() => SelectedPairChanged?.Invoke(pair));
    }

    private void SetSelectedPair(IceCandidatePair? pair)
    {
        _selectedPair = pair;
        _selectedSocket = pair is null ? null : SocketOf(pair.Local);
        RefreshKnownRemoteAddresses();
    }

    // RFC 8445 §12.2 has an agent receive data on its candidates; it takes it from the remote addresses it knows (any
    // remote candidate, signalled or peer-reflexive, and the selected pair, kept across an ICE restart), not from
    // strangers. Runs on every change to those, under the lock.
    private void RefreshKnownRemoteAddresses()
    {
        var known = new List<SocketAddress>(_remoteCandidates.Count + 1);
        if (_selectedPair is { } selected)
        {
            known.Add(selected.RemoteSocketAddress);
        }

        foreach (IceCandidate candidate in _remoteCandidates)
        {
            if (candidate.TryGetEndPoint(out IPEndPoint? endPoint))
            {
                SocketAddress address = endPoint.Serialize();
                if (!known.Contains(address))
                {
                    known.Add(address);
                }
            }
        }

        Volatile.Write(ref _knownRemoteAddresses, known.ToArray());
    }

    // Lock-free and allocation-free: the media path calls it for every datagram.
    private bool IsKnownRemoteAddress(SocketAddress source)
    {
        SocketAddress[] known = Volatile.Read(ref _knownRemoteAddresses);
        foreach (SocketAddress address in known)
        {
            if (address.Equals(source))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 7675 §5.1: each interval is uniformly random in [0.8, 1.2] times the mean.
    private long JitteredConsentInterval()
    {
        double factor = 0.8 + (0.4 * _options.Random.NextDouble());
        return (long)(_options.ConsentInterval.TotalSeconds * factor * _options.TimeProvider.TimestampFrequency);
    }

    private void SetState(IceConnectionState state)
    {
        if (State == state || State == IceConnectionState.Closed)
        {
            return;
        }

        State = state;
        _pendingEvents.Add(() => StateChanged?.Invoke(state));
    }

    // Events leave in the order they were queued: one thread at a time drains the queue, and it drains until empty,
    // so events queued by another thread meanwhile are raised by the draining thread, after its own.
    private void RaisePendingEvents()
    {
        while (true)
        {
            Action[] events;
            lock (_gate)
            {
                if (_raisingEvents || _pendingEvents.Count == 0)
                {
                    return;
                }

                _raisingEvents = true;
                events = _pendingEvents.ToArray();
                _pendingEvents.Clear();
            }

            try
            {
                foreach (Action raise in events)
                {
                    try
                    {
                        raise();
                    }
#pragma warning disable CA1031 // A subscriber's exception must not kill the timer thread or the receive loop.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        Interlocked.Increment(ref _eventHandlerFailures);
                    }
                }
            }
            finally
            {
                lock (_gate)
                {
                    _raisingEvents = false;
                }
            }
        }
    }
}
