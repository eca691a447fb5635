namespace LiveKit.WebRtc.Rtcp;

/// <summary>
/// Feedback on one transport-wide sequence number: whether it arrived and, when it did, its receive delta
/// from the previous received packet (or from the reference time for the first) in 250 µs ticks.
/// </summary>
/// <param name="SequenceNumber">Transport-wide sequence number (the transport-cc header extension value).</param>
/// <param name="Received">Whether the packet arrived.</param>
/// <param name="DeltaTicks">Receive delta in 250 µs units; 0..255 is sent in one byte, else -32768..32767 in two.</param>
internal readonly record struct TwccPacketStatus(ushort SequenceNumber, bool Received, int DeltaTicks)
{
    /// <summary>Microseconds per delta tick (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.5).</summary>
    public const int MicrosecondsPerTick = 250;

    /// <summary>The packet status symbol this entry is sent with (§3.1.1).</summary>
    public TwccSymbol Symbol => !Received
        ? TwccSymbol.NotReceived
        : DeltaTicks is >= 0 and <= byte.MaxValue ? TwccSymbol.SmallDelta : TwccSymbol.LargeDelta;
}

/// <summary>Packet status symbols (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.1); 3 is reserved.</summary>
internal enum TwccSymbol
{
    /// <summary>00: packet not received.</summary>
    NotReceived = 0,

    /// <summary>01: received, one-byte unsigned delta.</summary>
    SmallDelta = 1,

    /// <summary>10: received, two-byte signed delta.</summary>
    LargeDelta = 2,
}
