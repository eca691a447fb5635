using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.DataChannels;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.WebRtc;

/// <summary>
/// A WebRTC peer connection with the shape of the W3C RTCPeerConnection: offer/answer negotiation (JSEP, RFC 8829
/// subset), trickle ICE, DTLS-SRTP, RTP transceivers, and RTCP reports and feedback. Everything runs over one UDP
/// socket per host address with BUNDLE and rtcp-mux, demultiplexed by the first byte (RFC 7983).
/// </summary>
/// <remarks>
/// Negotiation methods run one at a time, in call order (W3C's operations chain). Events are raised on the thread
/// that caused them (a timer, the socket's receive loop, or the caller of a negotiation method) and must return
/// quickly; an exception from a handler is counted, never propagated into the transport.
/// </remarks>
public sealed partial class PeerConnection : IAsyncDisposable
{
    private readonly PeerConnectionOptions _options;
    private readonly Random _random;
    private readonly SemaphoreSlim _operations = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<RtpTransceiver> _transceivers = new();
    private readonly IceCredentials _localCredentials;
    private readonly DtlsTransport _dtls;
    private readonly DataChannelTransport _dataChannels;
    private readonly PacketCounters _sent = new();
    private readonly PacketCounters _received = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly string _cname;
    private readonly ulong _sessionId;
    private ulong _sessionVersion;
    private PeerConnectionState _connectionState;
    private IceConnectionState _iceConnectionState;
    private long _handlerFailures;
    private bool _closed;

    /// <summary>Creates a connection. Nothing is bound until the first <see cref="SetLocalDescriptionAsync"/>.</summary>
    public PeerConnection(PeerConnectionOptions? options = null)
    {
        _options = options ?? new PeerConnectionOptions();
        if (_options.SrtpProfiles.Count == 0)
        {
            throw new ArgumentException("At least one SRTP protection profile is needed.", nameof(options));
        }

        if (_options.ReceiveQueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ReceiveQueueCapacity, "ReceiveQueueCapacity must be at least 1.");
        }

        if (_options.MaxMessageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxMessageSize, "MaxMessageSize must be at least 1.");
        }

        _random = _options.Random ?? new IceCryptoRandom();
        _localCredentials = IceCredentials.Generate(_random);
        _cname = Guid.NewGuid().ToString("N")[..16];
        _sessionId = (ulong)_random.NextInt64(1, long.MaxValue);
        _rtcpSsrc = (uint)_random.NextInt64(1, uint.MaxValue);
        _dtls = new DtlsTransport(new SelectedPairPort(this), new DtlsTransportOptions
        {
            Certificate = DtlsCertificate.Shared,
            HandshakeTimeout = _options.DtlsHandshakeTimeout,
            SrtpProfiles = _options.SrtpProfiles,
        });
        _dataChannels = CreateDataChannelTransport();
        _dtls.ApplicationDataHandler = _dataChannels;
    }

    /// <summary>A local ICE candidate to signal to the peer; the end-of-candidates form (empty candidate) comes last.</summary>
    public event Action<IceCandidateInit>? IceCandidateGathered;

    /// <summary>The aggregate connection state changed.</summary>
    public event Action<PeerConnectionState>? ConnectionStateChanged;

    /// <summary>The ICE state changed.</summary>
    public event Action<IceConnectionState>? IceConnectionStateChanged;

    /// <summary>The signaling state changed.</summary>
    public event Action<SignalingState>? SignalingStateChanged;

    /// <summary>
    /// A remote track will arrive on this transceiver: a negotiation made it receive, with the remote
    /// <c>a=msid</c> in <see cref="RtpReceiver.StreamIds"/> and <see cref="RtpReceiver.TrackId"/> (W3C ontrack).
    /// </summary>
    public event Action<RtpTransceiver>? TrackReceived;

    /// <summary>The aggregate state of ICE and DTLS.</summary>
    public PeerConnectionState ConnectionState
    {
        get
        {
            lock (_gate)
            {
                return _connectionState;
            }
        }
    }

    /// <summary>The ICE agent's state.</summary>
    public IceConnectionState IceConnectionState
    {
        get
        {
            lock (_gate)
            {
                return _iceConnectionState;
            }
        }
    }

    /// <summary>Where offer/answer stands (W3C §4.3.1).</summary>
    public SignalingState SignalingState
    {
        get
        {
            lock (_gate)
            {
                return _signalingState;
            }
        }
    }

    /// <summary>
    /// Why the connection failed: e.g. a <see cref="DtlsFingerprintMismatchException"/> when the peer's certificate
    /// does not match its <c>a=fingerprint</c>, a <see cref="DtlsHandshakeException"/>, or a <see cref="TimeoutException"/>.
    /// Null unless <see cref="ConnectionState"/> is <see cref="PeerConnectionState.Failed"/> because of DTLS.
    /// </summary>
    public Exception? FailureReason { get; private set; }

    /// <summary>The local fingerprint we put in <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint LocalFingerprint => _dtls.LocalFingerprint;

    /// <summary>The transceivers, in the order they were added or created by remote offers.</summary>
    public IReadOnlyList<RtpTransceiver> Transceivers
    {
        get
        {
            lock (_gate)
            {
                return _transceivers.ToArray();
            }
        }
    }

    /// <summary>Exceptions thrown by event handlers of this connection and its transceivers, caught and counted.</summary>
    public long EventHandlerFailureCount => Interlocked.Read(ref _handlerFailures);

    internal TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>
    /// Adds a transceiver (W3C addTransceiver). It gets a mid and an <c>m=</c> line in the next offer, or is matched
    /// to an offered section of its kind that has no transceiver yet.
    /// </summary>
    /// <param name="kind">Audio or video.</param>
    /// <param name="direction">The preferred direction.</param>
    /// <param name="codecs">Codecs in order of preference; null for the defaults (Opus, VP8).</param>
    public RtpTransceiver AddTransceiver(MediaKind kind, SdpMediaDirection direction, IReadOnlyList<RtpCodec>? codecs = null)
    {
        if (codecs is { Count: 0 })
        {
            throw new ArgumentException("A transceiver needs at least one codec; pass null for the defaults.", nameof(codecs));
        }

        foreach (RtpCodec codec in codecs ?? Array.Empty<RtpCodec>())
        {
            if (codec.Kind != kind)
            {
                throw new ArgumentException($"Codec {codec.Name} is {codec.Kind}, but the transceiver is {kind}.", nameof(codecs));
            }
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return CreateTransceiver(kind, direction, codecs ?? RtpCodec.DefaultsFor(kind));
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public PeerConnectionStats GetStats()
    {
        var dropped = new Dictionary<PacketDropReason, long>();
        foreach (PacketDropReason reason in Enum.GetValues<PacketDropReason>())
        {
            dropped[reason] = _received.Drops(reason);
        }

        IceCandidatePair? pair = _ice?.SelectedPair;
        Sctp.SctpAssociationStats? sctp = _dataChannels.GetStats();
        DtlsHandshakeResult? dtls = _dtlsResult;
        return new PeerConnectionStats
        {
            PacketsSent = _sent.Packets,
            BytesSent = _sent.Bytes,
            PacketsReceived = _received.Packets,
            BytesReceived = _received.Bytes,
            RtcpPacketsSent = _sent.RtcpPackets,
            RtcpPacketsReceived = _received.RtcpPackets,
            Dropped = dropped,
            IceDropped = _ice?.DroppedDatagramCount ?? 0,
            SrtpProfile = dtls?.SrtpProfile,
            DtlsRole = _dtlsRole switch { Dtls.DtlsRole.Client => "client", Dtls.DtlsRole.Server => "server", _ => null },
            LocalAddress = pair?.Local.TryGetEndPoint(out var local) == true ? local : null,
            RemoteAddress = pair?.RemoteEndPoint,
            DataMessagesDropped = Interlocked.Read(ref _droppedDataMessages),
            SctpPacketsDropped = sctp?.Dropped.Values.Sum() ?? 0,
            SctpRetransmissions = sctp?.Retransmissions ?? 0,
        };
    }

    /// <summary>Closes the connection: stops ICE, sends DTLS close_notify, completes every receiver. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        IceAgent? ice;
        RtpTransceiver[] transceivers;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            ice = _ice;
            transceivers = _transceivers.ToArray();
        }

        _closing.Cancel();
        if (_rtcpTimer is not null)
        {
            await _rtcpTimer.DisposeAsync().ConfigureAwait(false);
        }

        _dataChannels.Close();
        await _dtls.CloseAsync().ConfigureAwait(false);
        if (ice is not null)
        {
            await ice.DisposeAsync().ConfigureAwait(false);
        }

        foreach (RtpTransceiver transceiver in transceivers)
        {
            transceiver.Receiver.Complete();
        }

        lock (_srtpReceiveLock)
        {
            lock (_srtpSendLock)
            {
                _dtlsResult?.Dispose();
            }
        }

        UpdateConnectionState();
        _closing.Dispose();
    }

    internal void CountDrop(PacketDropReason reason) => _received.CountDrop(reason);

    internal void CountHandlerFailure() => Interlocked.Increment(ref _handlerFailures);

    private RtpTransceiver CreateTransceiver(MediaKind kind, SdpMediaDirection direction, IReadOnlyList<RtpCodec> codecs)
    {
        var transceiver = new RtpTransceiver(
            kind,
            direction,
            codecs,
            new RtpSender(this, kind, _random),
            new RtpReceiver(this, kind, _options.ReceiveQueueCapacity));
        _transceivers.Add(transceiver);
        return transceiver;
    }

    /// <summary>Invokes a subscriber, counting (not propagating) its exception.</summary>
    private void Raise<T>(Action<T>? handler, T value)
    {
        if (handler is null)
        {
            return;
        }

        foreach (Action<T> subscriber in handler.GetInvocationList())
        {
            try
            {
                subscriber(value);
            }
            catch (Exception)
            {
                CountHandlerFailure();
            }
        }
    }
}
