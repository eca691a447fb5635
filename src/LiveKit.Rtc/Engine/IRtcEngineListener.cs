using LiveKit.WebRtc;

namespace LiveKit.Rtc.Engine;

/// <summary>
/// What the engine reports to its room. Every call comes from a network or negotiation task: an implementation posts
/// to the room loop and returns at once.
/// </summary>
internal interface IRtcEngineListener
{
    /// <summary>A data packet arrived on one of the room's data channels (already parsed; malformed ones are dropped and counted).</summary>
    void OnDataPacket(Proto.DataPacket packet, DataPacketKind kind);

    /// <summary>A subscriber negotiation bound a remote track to <paramref name="transceiver"/>.</summary>
    void OnRemoteTrack(RtpTransceiver transceiver);

    /// <summary>A subscriber offer was answered: transceivers may have stopped receiving.</summary>
    void OnSubscriberNegotiated();

    /// <summary>The primary PeerConnection connected, or failed (<paramref name="state"/> is then Failed or Closed).</summary>
    void OnPeerConnectionStateChanged(bool isPublisher, PeerConnectionState state);
}
