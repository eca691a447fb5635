using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>Where an association's packets go: DTLS application data in WebRTC (RFC 8261).</summary>
internal interface ISctpPacketSink
{
    /// <summary>Sends one SCTP packet. Thread-safe; called with the association's lock held, so it must not call back into it.</summary>
    void SendPacket(ReadOnlySpan<byte> packet);
}
