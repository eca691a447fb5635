using System;

namespace LiveKit.Media.Packetization;

/// <summary>
/// Splits one encoded VP8 frame into RTP payloads (RFC 7741 §4), written one at a time into the caller's spans:
/// <code>
/// var packetizer = new Vp8Packetizer(frame, pictureId, maxPayloadSize: 1200);
/// while (packetizer.TryWriteNext(payloadSpan, out int length, out bool marker)) { /* send payloadSpan[..length] with marker */ }
/// pictureId = Vp8Packetizer.NextPictureId(pictureId);
/// </code>
/// Allocates nothing; the frame span must stay unchanged until the last payload is written.
/// </summary>
/// <remarks>
/// <para>
/// Every payload starts with a 4-byte descriptor, as WebRTC senders write it: X=1 with I=1 and a 15-bit
/// PictureID (M=1), so a receiver can tell frames apart and notice a missing one; S=1 on the first payload only
/// and PID=0 throughout (the frame is sent as one partition, RFC 7741 §4.2); N=1 when the frame is not a
/// reference. The RTP marker bit goes on the last payload of the frame (§4.1).
/// </para>
/// <para>
/// The sizes are balanced, as libwebrtc does: the fewest payloads that fit <c>maxPayloadSize</c>, whose VP8
/// bytes differ by at most one (the larger ones last), rather than full payloads and a small remainder. The
/// payloads are then about equally exposed to loss and the send is smoother for the pacer.
/// </para>
/// </remarks>
public ref struct Vp8Packetizer
{
    /// <summary>The descriptor length on every payload: required byte, X byte and a 2-byte PictureID.</summary>
    public const int DescriptorLength = 4;

    private readonly ReadOnlySpan<byte> _frame;
    private readonly ushort _pictureId;
    private readonly bool _nonReference;
    private readonly int _baseChunk;
    private readonly int _firstLargerIndex;
    private int _index;
    private int _offset;

    /// <summary>Prepares the payloads of <paramref name="frame"/>.</summary>
    /// <param name="frame">One encoded VP8 frame (the encoder's output, starting with its frame tag).</param>
    /// <param name="pictureId">
    /// This frame's 15-bit PictureID (0-32767); the next frame gets <see cref="NextPictureId"/> of it.
    /// </param>
    /// <param name="maxPayloadSize">
    /// The largest RTP payload to produce, descriptor included (e.g. 1200: the MTU less the IP, UDP, RTP, header
    /// extension and SRTP overheads); more than <see cref="DescriptorLength"/>.
    /// </param>
    /// <param name="nonReference">Sets N: no later frame refers to this one, so a receiver may drop it.</param>
    /// <exception cref="ArgumentException">An empty frame.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A PictureID over 15 bits, or a maximum payload size that leaves no room for VP8 data.</exception>
    public Vp8Packetizer(ReadOnlySpan<byte> frame, ushort pictureId, int maxPayloadSize, bool nonReference = false)
    {
        if (frame.IsEmpty)
        {
            throw new ArgumentException("A VP8 frame has at least one byte: pass the encoder's output.", nameof(frame));
        }

        if (pictureId > Vp8PayloadDescriptor.MaxLongPictureId)
        {
            throw new ArgumentOutOfRangeException(nameof(pictureId), pictureId,
                "The PictureID is 15 bits (0-32767); advance it with Vp8Packetizer.NextPictureId, which wraps.");
        }

        PacketCount = GetPacketCount(frame.Length, maxPayloadSize);
        _frame = frame;
        _pictureId = pictureId;
        _nonReference = nonReference;
        _baseChunk = frame.Length / PacketCount;
        _firstLargerIndex = PacketCount - frame.Length % PacketCount;
        _index = 0;
        _offset = 0;
    }

    /// <summary>How many payloads the frame is split into.</summary>
    public readonly int PacketCount { get; }

    /// <summary>How many payloads are still to be written.</summary>
    public readonly int RemainingPackets => PacketCount - _index;

    /// <summary>The length of the next payload, descriptor included; 0 when all are written.</summary>
    public readonly int NextPayloadLength => _index < PacketCount ? DescriptorLength + ChunkLength(_index) : 0;

    /// <summary>
    /// The number of payloads a frame of <paramref name="frameLength"/> bytes takes at
    /// <paramref name="maxPayloadSize"/>: the VP8 bytes divided by the room left after the descriptor, rounded up.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A frame length that is not positive, or a maximum payload size of <see cref="DescriptorLength"/> or less.
    /// </exception>
    public static int GetPacketCount(int frameLength, int maxPayloadSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameLength);
        if (maxPayloadSize <= DescriptorLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPayloadSize), maxPayloadSize,
                "The maximum payload size must leave room for VP8 data after the 4-byte descriptor (e.g. 1200).");
        }

        int room = maxPayloadSize - DescriptorLength;
        return (int)(((long)frameLength + room - 1) / room);
    }

    /// <summary>The PictureID of the frame after one with <paramref name="pictureId"/>: one more, wrapping at 15 bits.</summary>
    public static ushort NextPictureId(ushort pictureId) =>
        (ushort)((pictureId + 1) & Vp8PayloadDescriptor.MaxLongPictureId);

    /// <summary>Writes the next payload (descriptor and VP8 bytes) at the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the RTP payload goes; at least <see cref="NextPayloadLength"/> bytes (the maximum payload size always suffices).</param>
    /// <param name="length">The payload's length; 0 when false is returned.</param>
    /// <param name="marker">The RTP marker bit for this payload: true on the frame's last one (RFC 7741 §4.1).</param>
    /// <returns>False when every payload has been written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the payload.</exception>
    public bool TryWriteNext(Span<byte> destination, out int length, out bool marker)
    {
        length = 0;
        marker = false;
        if (_index >= PacketCount)
        {
            return false;
        }

        int chunk = ChunkLength(_index);
        int total = DescriptorLength + chunk;
        if (destination.Length < total)
        {
            throw new ArgumentException(
                $"The payload needs {total} bytes; pass a destination of at least the maximum payload size.",
                nameof(destination));
        }

        // X=1; N per frame; S=1 on the first payload; PID=0. Then I=1, and the PictureID with M=1 (RFC 7741 §4.2).
        byte first = 0x80;
        if (_nonReference)
        {
            first |= 0x20;
        }

        if (_index == 0)
        {
            first |= 0x10;
        }

        destination[0] = first;
        destination[1] = 0x80;
        destination[2] = (byte)(0x80 | (_pictureId >> 8));
        destination[3] = (byte)_pictureId;
        _frame.Slice(_offset, chunk).CopyTo(destination.Slice(DescriptorLength));

        _offset += chunk;
        _index++;
        length = total;
        marker = _index == PacketCount;
        return true;
    }

    private readonly int ChunkLength(int index) => index >= _firstLargerIndex ? _baseChunk + 1 : _baseChunk;
}
