namespace LiveKit.WebRtc.DataChannels;

/// <summary>
/// The SCTP payload protocol identifiers of WebRTC (RFC 8831 §8, IANA "SCTP Payload Protocol Identifiers").
/// An empty message is sent as one zero byte with an "empty" PPID, because SCTP cannot carry an empty message.
/// </summary>
internal static class DataChannelPayloadProtocol
{
    /// <summary>DCEP messages (RFC 8832 §8.1).</summary>
    public const uint Dcep = 50;

    /// <summary>A UTF-8 string.</summary>
    public const uint String = 51;

    /// <summary>Binary data.</summary>
    public const uint Binary = 53;

    /// <summary>An empty string (the one byte sent is ignored).</summary>
    public const uint StringEmpty = 56;

    /// <summary>Empty binary data (the one byte sent is ignored).</summary>
    public const uint BinaryEmpty = 57;
}
