using System;
using System.Net;

namespace LiveKit.WebRtc.Ice;

/// <summary>A local and a remote candidate that connectivity checks test together (RFC 8445 §6.1.2).</summary>
internal sealed class IceCandidatePair
{
    /// <summary>Pairs a local candidate with a remote one whose address is an IP literal.</summary>
    public IceCandidatePair(IceCandidate local, IceCandidate remote, IPEndPoint remoteEndPoint, IceRole localRole)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(remoteEndPoint);
        Local = local;
        Remote = remote;
        RemoteEndPoint = remoteEndPoint;
        RemoteSocketAddress = remoteEndPoint.Serialize();
        UpdatePriority(localRole);
    }

    /// <summary>The local candidate (its base, after pruning).</summary>
    public IceCandidate Local { get; }

    /// <summary>The remote candidate.</summary>
    public IceCandidate Remote { get; }

    /// <summary>The remote candidate's address and port.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>
    /// <see cref="RemoteEndPoint"/> serialized once, so that sending to it (<see cref="IceHostSocket.TrySend(ReadOnlySpan{byte}, SocketAddress)"/>)
    /// and comparing a datagram's source with it allocate nothing. Never modified.
    /// </summary>
    public SocketAddress RemoteSocketAddress { get; }

    /// <summary>Pair foundation: the two candidate foundations joined (RFC 8445 §6.1.2.6).</summary>
    public string Foundation => Local.Foundation + ":" + Remote.Foundation;

    /// <summary>The pair priority for the current role (RFC 8445 §6.1.2.3).</summary>
    public ulong Priority { get; private set; }

    /// <summary>The check state.</summary>
    public IceCandidatePairState State { get; set; } = IceCandidatePairState.Frozen;

    /// <summary>The controlled agent received USE-CANDIDATE for this pair (RFC 8445 §7.3.1.5).</summary>
    public bool NominatedByPeer { get; set; }

    /// <summary>The controlling agent sent (or is sending) USE-CANDIDATE on this pair (RFC 8445 §8.1.1).</summary>
    public bool Nominating { get; set; }

    /// <summary>
    /// 2^32*MIN(G,D) + 2*MAX(G,D) + (G&gt;D?1:0), G the controlling agent's candidate priority and D the
    /// controlled agent's (RFC 8445 §6.1.2.3).
    /// </summary>
    public static ulong ComputePriority(uint controllingPriority, uint controlledPriority)
    {
        ulong g = controllingPriority;
        ulong d = controlledPriority;
        return (Math.Min(g, d) << 32) + (2 * Math.Max(g, d)) + (g > d ? 1UL : 0UL);
    }

    /// <summary>Recomputes <see cref="Priority"/> after a role change (RFC 8445 §7.2.5.1).</summary>
    public void UpdatePriority(IceRole localRole) =>
        Priority = localRole == IceRole.Controlling
            ? ComputePriority(Local.Priority, Remote.Priority)
            : ComputePriority(Remote.Priority, Local.Priority);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Local.Address}:{Local.Port} -> {RemoteEndPoint} ({IceCandidate.FormatType(Local.Type)}/{IceCandidate.FormatType(Remote.Type)}, {State})";
}
