namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>What a <see cref="LossyUdpRelay"/> did in one direction, so far.</summary>
/// <param name="Received">Datagrams that arrived at the relay socket of the sending side.</param>
/// <param name="Forwarded">Datagrams sent on to the other side (held ones included, once released).</param>
/// <param name="Dropped">Datagrams dropped on purpose.</param>
/// <param name="Reordered">Held datagrams that went out after the datagram that followed them.</param>
/// <param name="Unroutable">Datagrams dropped because the other side's address was not known yet.</param>
public readonly record struct RelayCounters(long Received, long Forwarded, long Dropped, long Reordered, long Unroutable);
