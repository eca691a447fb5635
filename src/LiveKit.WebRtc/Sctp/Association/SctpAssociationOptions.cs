using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>Settings of an <see cref="SctpAssociation"/>. Defaults suit WebRTC data channels (RFC 8831).</summary>
internal sealed class SctpAssociationOptions
{
    /// <summary>Our SCTP port (RFC 8841 §5: 5000 unless the SDP's a=sctp-port says otherwise).</summary>
    public ushort LocalPort { get; init; } = 5000;

    /// <summary>The peer's SCTP port, from its a=sctp-port.</summary>
    public ushort RemotePort { get; init; } = 5000;

    /// <summary>
    /// The largest SCTP packet we send, common header included. 1200 keeps a packet with DTLS, UDP and IP headers
    /// under the smallest common path MTU (RFC 8831 §5).
    /// </summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>The largest message <see cref="SctpAssociation.Send"/> accepts: the peer's a=max-message-size (RFC 8841 §6).</summary>
    public int MaxSendMessageSize { get; init; } = 65536;

    /// <summary>The largest message we reassemble: our a=max-message-size. A peer that sends more is aborted.</summary>
    public int MaxReceiveMessageSize { get; init; } = 262144;

    /// <summary>
    /// Our receive buffer, advertised as a_rwnd: bytes received and not yet read by the application (see
    /// <see cref="SctpAssociation.MessageConsumed"/>), fragments included. Raised to <see cref="MaxReceiveMessageSize"/>
    /// when smaller, since a message must fit whole; RFC 9260 §6.2 asks for at least 1500.
    /// </summary>
    public int ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>Outbound streams requested and inbound streams allowed (the INIT's OS and MIS; data channels use 65535).</summary>
    public ushort Streams { get; init; } = ushort.MaxValue;

    /// <summary>Clock and timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of verification tags, initial TSNs and the cookie key; the OS CSPRNG when null. Seed it in tests.</summary>
    public Random? Random { get; init; }

    /// <summary>RTO.Initial (RFC 9260 §16 says 1 s; dcsctp's 500 ms, see <see cref="SctpRtoEstimator"/>).</summary>
    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>RTO.Min: above the peer's delayed-SACK time so a lone packet's delayed SACK does not look like a loss.</summary>
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromMilliseconds(220);

    /// <summary>RTO.Max (RFC 9260 §16: 60 s).</summary>
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Association.Max.Retrans: consecutive timeouts before the peer is declared unreachable (RFC 9260 §16: 10).</summary>
    public int MaxRetransmissions { get; init; } = 10;

    /// <summary>Max.Init.Retransmits: INIT and COOKIE ECHO retransmissions before giving up (RFC 9260 §16: 8).</summary>
    public int MaxInitRetransmissions { get; init; } = 8;

    /// <summary>How long a SACK may be delayed (RFC 9260 §6.2: at most 500 ms, 200 ms recommended).</summary>
    public TimeSpan DelayedAckTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>HB.interval: idle time before a HEARTBEAT (RFC 9260 §16: 30 s); <see cref="TimeSpan.Zero"/> disables them.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Valid.Cookie.Life (RFC 9260 §16: 60 s).</summary>
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The T5-shutdown-guard: how long a shutdown may take before the association is aborted (RFC 9260 §9.2: 5 × RTO.Max).</summary>
    public TimeSpan? ShutdownGuardTimeout { get; init; }

    /// <summary>Throws when the settings cannot work together.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Mtu, 256, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Mtu, 65535, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSendMessageSize, 1, nameof(MaxSendMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReceiveMessageSize, 1, nameof(MaxReceiveMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveWindow, 1500, nameof(ReceiveWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(Streams, (ushort)1, nameof(Streams));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RtoMin, TimeSpan.Zero, nameof(RtoMin));
        ArgumentOutOfRangeException.ThrowIfLessThan(RtoMax, RtoMin, nameof(RtoMax));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetransmissions, 0, nameof(MaxRetransmissions));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInitRetransmissions, 0, nameof(MaxInitRetransmissions));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DelayedAckTimeout, TimeSpan.Zero, nameof(DelayedAckTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CookieLifetime, TimeSpan.Zero, nameof(CookieLifetime));
    }
}
