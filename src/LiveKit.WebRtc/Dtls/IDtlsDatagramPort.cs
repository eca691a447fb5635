using System;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The path DTLS records leave by: in WebRTC the selected ICE candidate pair. Sending is all the DTLS layer asks of it;
/// incoming DTLS datagrams travel the other way, pushed by the caller's demultiplexer (RFC 7983 §7: first octet
/// 20..63) into <see cref="DtlsTransport.DeliverDatagram"/>.
/// </summary>
internal interface IDtlsDatagramPort
{
    /// <summary>
    /// Sends one datagram, best effort: like UDP, failures are swallowed or reported out of band, because DTLS
    /// retransmits lost handshake flights itself (RFC 6347 §4.2.4). Must not block for long; may be called from the
    /// handshake thread and from application send paths.
    /// </summary>
    void Send(ReadOnlySpan<byte> datagram);
}
