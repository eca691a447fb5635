namespace LiveKit.WebRtc.Sctp;

/// <summary>A whole user message, reassembled and in order, ready for the application.</summary>
/// <param name="StreamId">The stream it arrived on.</param>
/// <param name="PayloadProtocolId">Its payload protocol identifier.</param>
/// <param name="Data">The message; exactly its length, owned by whoever takes it.</param>
internal readonly record struct SctpReceivedMessage(ushort StreamId, uint PayloadProtocolId, byte[] Data);
