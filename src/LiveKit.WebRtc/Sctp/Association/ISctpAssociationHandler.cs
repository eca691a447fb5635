using System;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// What an association tells the layer above (the data channels). Every call is made outside the association's lock,
/// on the thread that caused it (the receive thread, a timer, or the caller of a method), so it may call back in.
/// </summary>
internal interface ISctpAssociationHandler
{
    /// <summary>The handshake finished: messages can flow.</summary>
    void OnEstablished();

    /// <summary>A whole message arrived, in order for an ordered stream; ownership of <paramref name="message"/> passes.</summary>
    void OnMessage(ushort streamId, uint payloadProtocolId, byte[] message);

    /// <summary>The peer reset its outgoing streams (RFC 6525): in WebRTC, it closed those data channels.</summary>
    void OnIncomingStreamsReset(ReadOnlySpan<ushort> streamIds);

    /// <summary>Our reset of outgoing streams was performed by the peer.</summary>
    void OnOutgoingStreamsReset(ReadOnlySpan<ushort> streamIds);

    /// <summary>The stream's buffered amount went down to <paramref name="bufferedAmount"/>.</summary>
    void OnBufferedAmountDecreased(ushort streamId, long bufferedAmount);

    /// <summary>The association ended; nothing more is sent or received.</summary>
    void OnClosed(SctpCloseReason reason, string? detail);
}
