using System;
using System.Collections.Generic;
using System.Net;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>Settings of an <see cref="IceAgent"/>. Defaults follow RFC 8445 and RFC 7675.</summary>
internal sealed class IceAgentOptions
{
    /// <summary>The initial role; a role conflict may change it (RFC 8445 §7.3.1.1).</summary>
    public IceRole Role { get; init; } = IceRole.Controlling;

    /// <summary>Local credentials; generated from <see cref="Random"/> when null.</summary>
    public IceCredentials? LocalCredentials { get; init; }

    /// <summary>The tie-breaker; drawn from <see cref="Random"/> when null (RFC 8445 §16.1).</summary>
    public ulong? TieBreaker { get; init; }

    /// <summary>Source of credentials, tie-breakers, prflx foundations and consent jitter. Seed it in tests.</summary>
    public Random Random { get; init; } = new IceCryptoRandom();

    /// <summary>Clock and timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Addresses to bind host candidates on. Defaults to loopback only; the caller picks interfaces.</summary>
    public IReadOnlyList<IPAddress> HostAddresses { get; init; } = new[] { IPAddress.Loopback };

    /// <summary>Ta, the pacing interval between checks (RFC 8445 §14.2: 50 ms by default).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The least RTO of a check: RFC 8445 §14.3 sets RTO = MAX(500 ms, Ta × (Waiting + In-Progress pairs)). The wait
    /// doubles after each retransmission (RFC 8489 §6.2.1).
    /// </summary>
    public TimeSpan CheckRetransmitTimeout { get; init; } = StunRetransmission.DefaultInitialTimeout;

    /// <summary>Retransmissions before a check fails (RFC 8489 §6.2.1 Rc - 1 = 6).</summary>
    public int MaxCheckRetransmits { get; init; } = StunRetransmission.DefaultMaxRequests - 1;

    /// <summary>
    /// Rm of checks: after the last retransmission the check fails once this many RTOs pass without a response
    /// (RFC 8489 §6.2.1: 16).
    /// </summary>
    public int CheckLastWaitMultiplier { get; init; } = StunRetransmission.DefaultLastWaitMultiplier;

    /// <summary>
    /// STUN servers to learn server-reflexive candidates from (RFC 8445 §5.1.1.2): <see cref="IceAgent.GatherAsync"/>
    /// sends a Binding request from each host candidate to each server of the same address family.
    /// </summary>
    public IReadOnlyList<IPEndPoint> StunServers { get; init; } = Array.Empty<IPEndPoint>();

    /// <summary>Retransmission of the Binding requests to <see cref="StunServers"/> (RFC 8489 §6.2.1: RTO 500 ms, Rc 7, Rm 16).</summary>
    public StunRetransmission StunServerRetransmission { get; init; } = StunRetransmission.Default;

    /// <summary>Mean interval of consent checks on the selected pair (RFC 7675 §5.1: 5 s, randomized ±20%).</summary>
    public TimeSpan ConsentInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The timer's tick once the agent is settled (a pair selected, no check or gathering request in flight): only
    /// consent freshness is left, which works in seconds (RFC 7675), so ticking every Ta would only burn wake-ups.
    /// </summary>
    public TimeSpan SettledTickInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Silence after which the state is Disconnected (browsers use about 5 s; RFC 7675 leaves it open).</summary>
    public TimeSpan DisconnectedTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Silence after which consent is lost and the state is Failed (RFC 7675 §5.1: 30 s).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>SO_RCVBUF of each host socket, or null for the system default (bulk data needs more than the default).</summary>
    public int? SocketReceiveBufferSize { get; init; }

    /// <summary>SO_SNDBUF of each host socket, or null for the system default.</summary>
    public int? SocketSendBufferSize { get; init; }
}
