namespace LiveKit.Media.Packetization;

/// <summary>
/// The RTP fields <see cref="OpusRtpPacketizer"/> chose for one Opus packet. The payload is the Opus packet itself
/// (RFC 7587 §4.2); the transport writes the RTP header with these fields and its own sequence number.
/// </summary>
public readonly record struct OpusRtpPacketInfo
{
    /// <summary>The RTP timestamp of the packet's first sample, at 48 kHz (RFC 7587 §4.1).</summary>
    public required uint Timestamp { get; init; }

    /// <summary>
    /// The RTP marker bit: set on the first packet of a talkspurt, i.e. the first packet sent after a period in
    /// which packets were not sent (RFC 3551 §4.1, which RFC 7587 §4.1 follows), and on the very first packet.
    /// </summary>
    public required bool Marker { get; init; }

    /// <summary>
    /// False when the packet should not be sent: a DTX packet following another DTX packet (RFC 7587 §3.1.3).
    /// Its time still passes (the next timestamp moves on), and no sequence number is used for it.
    /// </summary>
    public required bool ShouldSend { get; init; }

    /// <summary>How many 48 kHz samples (per channel) the packet holds: what the timestamp advanced by.</summary>
    public required int Samples { get; init; }
}
