namespace LiveKit.WebRtc.Ice;

/// <summary>The transport of a candidate. Only UDP is checked today; TCP candidates (RFC 6544) parse and format.</summary>
internal enum IceTransportProtocol
{
    /// <summary>UDP.</summary>
    Udp,

    /// <summary>TCP (RFC 6544), with a <see cref="IceCandidate.TcpType"/>.</summary>
    Tcp,
}
