using System;

namespace LiveKit.Media.Packetization;

/// <summary>
/// A complete encoded VP8 frame that <see cref="Vp8FrameAssembler"/> reassembled from its RTP payloads, ready for
/// the decoder. <see cref="Data"/> lives in the assembler's buffer: it is valid until the next call to the
/// assembler's <see cref="Vp8FrameAssembler.Push"/>, <see cref="Vp8FrameAssembler.TryReadFrame"/> or
/// <see cref="Vp8FrameAssembler.SkipMissingPackets"/>; copy it to keep it.
/// </summary>
public readonly ref struct Vp8EncodedFrame
{
    /// <summary>Wraps the fields of an assembled frame.</summary>
    internal Vp8EncodedFrame(ReadOnlySpan<byte> data, uint timestamp, bool isKeyFrame,
        ushort firstSequenceNumber, ushort lastSequenceNumber, Vp8PayloadDescriptor descriptor)
    {
        Data = data;
        Timestamp = timestamp;
        IsKeyFrame = isKeyFrame;
        FirstSequenceNumber = firstSequenceNumber;
        LastSequenceNumber = lastSequenceNumber;
        Descriptor = descriptor;
    }

    /// <summary>The encoded frame: the VP8 bytes of its payloads in order, descriptors removed (RFC 7741 §4.4).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The RTP timestamp shared by the frame's packets (90 kHz, RFC 7741 §4.1).</summary>
    public uint Timestamp { get; }

    /// <summary>
    /// True for a keyframe: the P bit of the frame's first byte is 0 (RFC 7741 §4.3). A keyframe decodes alone,
    /// and it ends <see cref="Vp8FrameAssembler.NeedsKeyFrame"/>.
    /// </summary>
    public bool IsKeyFrame { get; }

    /// <summary>The RTP sequence number of the frame's first packet (the one with S=1, PID=0).</summary>
    public ushort FirstSequenceNumber { get; }

    /// <summary>The RTP sequence number of the frame's last packet (the one with the marker bit).</summary>
    public ushort LastSequenceNumber { get; }

    /// <summary>How many RTP packets carried the frame.</summary>
    public int PacketCount => (ushort)(LastSequenceNumber - FirstSequenceNumber) + 1;

    /// <summary>The payload descriptor of the frame's first packet: its PictureID, temporal layer and N bit.</summary>
    public Vp8PayloadDescriptor Descriptor { get; }
}
