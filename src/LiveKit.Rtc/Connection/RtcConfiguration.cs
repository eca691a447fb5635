using System;
using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>The WebRTC configuration of a room's PeerConnections (a subset of the W3C <c>RTCConfiguration</c>).</summary>
public sealed record RtcConfiguration
{
    /// <summary>The ICE servers to use instead of those the LiveKit server sends; empty keeps the server's.</summary>
    public IReadOnlyList<IceServer> IceServers { get; init; } = Array.Empty<IceServer>();

    /// <summary>Which candidates ICE may use.</summary>
    public IceTransportPolicy IceTransportPolicy { get; init; } = IceTransportPolicy.All;

    /// <summary>Checks every server URL and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        foreach (IceServer server in IceServers)
        {
            ArgumentNullException.ThrowIfNull(server, nameof(IceServers));
            server.Validate();
        }
    }
}
