namespace LiveKit.Media.Packetization;

/// <summary>What <see cref="Vp8FrameAssembler.Push"/> did with a packet.</summary>
public enum Vp8PacketResult
{
    /// <summary>Taken: held until the packets before it arrive, or already added to its frame.</summary>
    Accepted,

    /// <summary>
    /// Taken as a padding packet (empty payload): it carries no VP8 data, and only keeps the sequence numbers
    /// contiguous.
    /// </summary>
    Padding,

    /// <summary>
    /// The payload descriptor is truncated, nothing follows it, or the payload is larger than any RTP payload can
    /// be: counted in <see cref="Vp8FrameAssembler.MalformedPackets"/>, and its frame is lost.
    /// </summary>
    Malformed,

    /// <summary>A packet already received: ignored, counted in <see cref="Vp8FrameAssembler.DuplicatePackets"/>.</summary>
    Duplicate,

    /// <summary>
    /// A packet whose place was already given up (declared lost) or which is far older than the stream:
    /// ignored, counted in <see cref="Vp8FrameAssembler.LatePackets"/>.
    /// </summary>
    Late,
}
