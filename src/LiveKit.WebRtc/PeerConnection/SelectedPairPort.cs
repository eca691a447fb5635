using System;
using LiveKit.WebRtc.Dtls;

namespace LiveKit.WebRtc;

/// <summary>DTLS records leave by the connection's selected ICE pair (RFC 8842 §4: one DTLS association per BUNDLE transport).</summary>
internal sealed class SelectedPairPort : IDtlsDatagramPort
{
    private readonly PeerConnection _connection;

    public SelectedPairPort(PeerConnection connection) => _connection = connection;

    public void Send(ReadOnlySpan<byte> datagram) => _connection.SendDatagram(datagram);
}
