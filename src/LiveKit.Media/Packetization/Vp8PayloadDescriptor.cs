using System;

namespace LiveKit.Media.Packetization;

/// <summary>
/// The VP8 payload descriptor that starts every VP8 RTP payload (RFC 7741 §4.2):
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID | (required)
///      +-+-+-+-+-+-+-+-+
/// X:   |I|L|T|K| RSV   | (optional)
///      +-+-+-+-+-+-+-+-+
/// I:   |M| PictureID   | (optional; M=1: 15 bits over two bytes)
///      +-+-+-+-+-+-+-+-+
/// L:   |   TL0PICIDX   | (optional)
///      +-+-+-+-+-+-+-+-+
/// T/K: |TID|Y| KEYIDX  | (optional)
///      +-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
/// <remarks>
/// <see cref="TryParse"/> never throws and accepts what RFC 7741 asks receivers to accept: reserved bits are
/// ignored (§4.2), and the T/K byte is read when either T or K is set. <see cref="TryWrite"/> writes the X byte only
/// when an optional field is present.
/// </remarks>
public readonly record struct Vp8PayloadDescriptor
{
    /// <summary>The largest 15-bit PictureID (M=1); it wraps to 0 after this (RFC 7741 §4.2).</summary>
    public const ushort MaxLongPictureId = 0x7FFF;

    /// <summary>The largest 7-bit PictureID (M=0).</summary>
    public const ushort MaxShortPictureId = 0x7F;

    /// <summary>The longest descriptor: required byte, X byte, 2-byte PictureID, TL0PICIDX and the T/K byte.</summary>
    public const int MaxLength = 6;

    private const byte ExtendedBit = 0x80;
    private const byte NonReferenceBit = 0x20;
    private const byte StartBit = 0x10;
    private const byte PartitionIndexMask = 0x07;
    private const byte PictureIdBit = 0x80;
    private const byte Tl0PicIdxBit = 0x40;
    private const byte TemporalLayerBit = 0x20;
    private const byte KeyIndexBit = 0x10;
    private const byte LongPictureIdBit = 0x80;

    /// <summary>N: the frame can be discarded without affecting any other frame (RFC 7741 §4.2).</summary>
    public bool NonReference { get; init; }

    /// <summary>S: this payload starts a VP8 partition (RFC 7741 §4.2).</summary>
    public bool StartOfPartition { get; init; }

    /// <summary>PID: the index (0-7) of the partition this payload's first byte belongs to (RFC 7741 §4.2).</summary>
    public byte PartitionIndex { get; init; }

    /// <summary>I: a PictureID is present.</summary>
    public bool HasPictureId { get; init; }

    /// <summary>
    /// M: the PictureID is 15 bits (two bytes) rather than 7. WebRTC senders use 15 bits so that the ID wraps
    /// rarely.
    /// </summary>
    public bool IsLongPictureId { get; init; }

    /// <summary>The PictureID (7 or 15 bits): a running index of frames, incremented by one per frame.</summary>
    public ushort PictureId { get; init; }

    /// <summary>L: a TL0PICIDX is present (RFC 7741 says the T bit must then be set too).</summary>
    public bool HasTl0PicIdx { get; init; }

    /// <summary>TL0PICIDX: a running index of the base (temporal layer 0) frames.</summary>
    public byte Tl0PicIdx { get; init; }

    /// <summary>T: the temporal layer index (TID) and layer sync bit (Y) are present.</summary>
    public bool HasTemporalLayer { get; init; }

    /// <summary>TID: the temporal layer (0-3) of this frame; meaningful only with <see cref="HasTemporalLayer"/>.</summary>
    public byte TemporalLayerId { get; init; }

    /// <summary>
    /// Y: the frame depends only on the base layer's frames (a layer sync point); meaningful only with
    /// <see cref="HasTemporalLayer"/>.
    /// </summary>
    public bool LayerSync { get; init; }

    /// <summary>K: a KEYIDX is present.</summary>
    public bool HasKeyIndex { get; init; }

    /// <summary>KEYIDX: a 5-bit index (0-31) that changes with each keyframe; meaningful only with <see cref="HasKeyIndex"/>.</summary>
    public byte KeyIndex { get; init; }

    /// <summary>
    /// True when this payload starts a frame: S=1 and PID=0 (RFC 7741 §4.4); only then does the VP8 payload
    /// header follow the descriptor (§4.3).
    /// </summary>
    public bool IsStartOfFrame => StartOfPartition && PartitionIndex == 0;

    /// <summary>The number of bytes <see cref="TryWrite"/> writes for this descriptor (1 to <see cref="MaxLength"/>).</summary>
    public int Length
    {
        get
        {
            if (!HasExtension)
            {
                return 1;
            }

            int length = 2;
            if (HasPictureId)
            {
                length += IsLongPictureId ? 2 : 1;
            }

            if (HasTl0PicIdx)
            {
                length++;
            }

            if (HasTemporalLayer || HasKeyIndex)
            {
                length++;
            }

            return length;
        }
    }

    private bool HasExtension => HasPictureId || HasTl0PicIdx || HasTemporalLayer || HasKeyIndex;

    /// <summary>
    /// Reads the descriptor at the start of a VP8 RTP payload. Never throws.
    /// </summary>
    /// <param name="payload">The RTP payload (after the RTP header, its extensions and padding are removed).</param>
    /// <param name="descriptor">The descriptor read; default when false is returned.</param>
    /// <param name="headerLength">How many bytes the descriptor takes; the VP8 data starts there.</param>
    /// <returns>False when the payload is empty or shorter than the fields its flags announce.</returns>
    public static bool TryParse(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor, out int headerLength)
    {
        descriptor = default;
        headerLength = 0;
        if (payload.IsEmpty)
        {
            return false;
        }

        byte first = payload[0];
        int offset = 1;
        bool hasPictureId = false, isLong = false, hasTl0 = false, hasTid = false, hasKeyIndex = false, layerSync = false;
        ushort pictureId = 0;
        byte tl0 = 0, tid = 0, keyIndex = 0;
        if ((first & ExtendedBit) != 0)
        {
            if (payload.Length < 2)
            {
                return false;
            }

            byte extension = payload[1];
            offset = 2;
            hasPictureId = (extension & PictureIdBit) != 0;
            hasTl0 = (extension & Tl0PicIdxBit) != 0;
            hasTid = (extension & TemporalLayerBit) != 0;
            hasKeyIndex = (extension & KeyIndexBit) != 0;

            if (hasPictureId)
            {
                if (payload.Length <= offset)
                {
                    return false;
                }

                isLong = (payload[offset] & LongPictureIdBit) != 0;
                if (isLong)
                {
                    if (payload.Length < offset + 2)
                    {
                        return false;
                    }

                    pictureId = (ushort)(((payload[offset] & 0x7F) << 8) | payload[offset + 1]);
                    offset += 2;
                }
                else
                {
                    pictureId = (ushort)(payload[offset] & 0x7F);
                    offset++;
                }
            }

            if (hasTl0)
            {
                if (payload.Length <= offset)
                {
                    return false;
                }

                tl0 = payload[offset++];
            }

            if (hasTid || hasKeyIndex)
            {
                if (payload.Length <= offset)
                {
                    return false;
                }

                byte layer = payload[offset++];
                if (hasTid)
                {
                    tid = (byte)(layer >> 6);
                    layerSync = (layer & 0x20) != 0;
                }

                if (hasKeyIndex)
                {
                    keyIndex = (byte)(layer & 0x1F);
                }
            }
        }

        descriptor = new Vp8PayloadDescriptor
        {
            NonReference = (first & NonReferenceBit) != 0,
            StartOfPartition = (first & StartBit) != 0,
            PartitionIndex = (byte)(first & PartitionIndexMask),
            HasPictureId = hasPictureId,
            IsLongPictureId = isLong,
            PictureId = pictureId,
            HasTl0PicIdx = hasTl0,
            Tl0PicIdx = tl0,
            HasTemporalLayer = hasTid,
            TemporalLayerId = tid,
            LayerSync = layerSync,
            HasKeyIndex = hasKeyIndex,
            KeyIndex = keyIndex,
        };
        headerLength = offset;
        return true;
    }

    /// <summary>Writes the descriptor at the start of <paramref name="destination"/>; reserved bits are zero.</summary>
    /// <param name="destination">Where the RTP payload starts.</param>
    /// <param name="written">The number of bytes written (<see cref="Length"/>), or 0 when false is returned.</param>
    /// <returns>False when <paramref name="destination"/> is shorter than <see cref="Length"/>.</returns>
    /// <exception cref="InvalidOperationException">A field is out of its range (PID over 7, a PictureID over 7 or 15 bits, TID over 3, KEYIDX over 31).</exception>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        Validate();
        int length = Length;
        written = 0;
        if (destination.Length < length)
        {
            return false;
        }

        byte first = (byte)(PartitionIndex & PartitionIndexMask);
        if (NonReference)
        {
            first |= NonReferenceBit;
        }

        if (StartOfPartition)
        {
            first |= StartBit;
        }

        int offset = 1;
        if (HasExtension)
        {
            first |= ExtendedBit;
            byte extension = 0;
            extension |= HasPictureId ? PictureIdBit : (byte)0;
            extension |= HasTl0PicIdx ? Tl0PicIdxBit : (byte)0;
            extension |= HasTemporalLayer ? TemporalLayerBit : (byte)0;
            extension |= HasKeyIndex ? KeyIndexBit : (byte)0;
            destination[offset++] = extension;

            if (HasPictureId)
            {
                if (IsLongPictureId)
                {
                    destination[offset++] = (byte)(LongPictureIdBit | (PictureId >> 8));
                    destination[offset++] = (byte)PictureId;
                }
                else
                {
                    destination[offset++] = (byte)PictureId;
                }
            }

            if (HasTl0PicIdx)
            {
                destination[offset++] = Tl0PicIdx;
            }

            if (HasTemporalLayer || HasKeyIndex)
            {
                byte layer = 0;
                if (HasTemporalLayer)
                {
                    layer |= (byte)(TemporalLayerId << 6);
                    layer |= LayerSync ? (byte)0x20 : (byte)0;
                }

                if (HasKeyIndex)
                {
                    layer |= KeyIndex;
                }

                destination[offset++] = layer;
            }
        }

        destination[0] = first;
        written = offset;
        return true;
    }

    private void Validate()
    {
        if (PartitionIndex > PartitionIndexMask)
        {
            throw new InvalidOperationException($"PartitionIndex is 3 bits (0-7), not {PartitionIndex}.");
        }

        if (HasPictureId && PictureId > (IsLongPictureId ? MaxLongPictureId : MaxShortPictureId))
        {
            throw new InvalidOperationException(
                $"PictureId {PictureId} does not fit in {(IsLongPictureId ? 15 : 7)} bits; wrap it (RFC 7741 §4.2).");
        }

        if (HasTemporalLayer && TemporalLayerId > 3)
        {
            throw new InvalidOperationException($"TemporalLayerId (TID) is 2 bits (0-3), not {TemporalLayerId}.");
        }

        if (HasKeyIndex && KeyIndex > 0x1F)
        {
            throw new InvalidOperationException($"KeyIndex (KEYIDX) is 5 bits (0-31), not {KeyIndex}.");
        }
    }
}
