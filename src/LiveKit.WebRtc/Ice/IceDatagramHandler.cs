using System;

namespace LiveKit.WebRtc.Ice;

/// <summary>Receives a non-STUN datagram from an ICE socket (DTLS, SRTP...). The span is valid only during the call.</summary>
/// <param name="datagram">The datagram.</param>
/// <param name="packetClass">Its class by first byte (RFC 7983).</param>
internal delegate void IceDatagramHandler(ReadOnlySpan<byte> datagram, PacketClass packetClass);
