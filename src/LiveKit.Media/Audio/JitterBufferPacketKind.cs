namespace LiveKit.Media.Audio;

/// <summary>What <see cref="AudioJitterBuffer.TryPop"/> hands out for one playout slot.</summary>
internal enum JitterBufferPacketKind
{
    /// <summary>The packet of this slot arrived in time: decode its payload.</summary>
    Packet,

    /// <summary>
    /// The packet of this slot did not arrive in time (later ones did): conceal it, from the next packet's in-band FEC
    /// when <see cref="JitterBufferPacket.HasNext"/> (Opus: decode the next payload with FEC, RFC 6716 section 2.1.7),
    /// otherwise by loss concealment.
    /// </summary>
    Lost,
}
