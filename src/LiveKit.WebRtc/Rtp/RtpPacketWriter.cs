using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtp;

/// <summary>
/// Builds an RTP packet in a caller's span without allocating: fixed header and CSRCs first, then RFC 8285
/// extension elements one by one, then payload and optional padding (RFC 3550 §5.1, §5.3.1).
/// </summary>
/// <remarks>A failed step (short buffer, bad id or length) makes every later step fail too.</remarks>
internal ref struct RtpPacketWriter
{
    private const int CsrcLength = 4;
    private const int ExtensionHeaderLength = 4;
    private const int ExtensionLengthOffset = 2;
    private const int WordLength = 4;
    private const int OneByteMaxId = 14;
    private const int OneByteMaxLength = 16;
    private const int TwoByteMaxId = 255;
    private const int TwoByteMaxLength = 255;
    private const int MaxPaddingLength = 255;
    private const byte PaddingBit = 0x20;

    private readonly Span<byte> _destination;
    private readonly RtpExtensionForm _form;
    private readonly int _extensionHeaderOffset;
    private int _offset;
    private bool _failed;

    /// <summary>
    /// Writes the fixed header (its P, X and CC fields are derived, not taken from <paramref name="header"/>),
    /// the CSRCs, and when <paramref name="form"/> is not <see cref="RtpExtensionForm.None"/> the extension profile word.
    /// </summary>
    public RtpPacketWriter(Span<byte> destination, in RtpHeader header, ReadOnlySpan<uint> csrcs, RtpExtensionForm form)
    {
        _destination = destination;
        _form = form;
        _offset = 0;
        _failed = false;
        _extensionHeaderOffset = -1;

        RtpHeader fixedHeader = header with
        {
            Padding = false,
            Extension = form != RtpExtensionForm.None,
            CsrcCount = csrcs.Length,
        };
        if (csrcs.Length > RtpHeader.MaxCsrcCount || !fixedHeader.TryWrite(destination, out _offset))
        {
            _failed = true;
            return;
        }

        if (destination.Length < _offset + (csrcs.Length * CsrcLength))
        {
            _failed = true;
            return;
        }

        foreach (uint csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[_offset..], csrc);
            _offset += CsrcLength;
        }

        if (form != RtpExtensionForm.None)
        {
            if (destination.Length < _offset + ExtensionHeaderLength)
            {
                _failed = true;
                return;
            }

            ushort profile = form == RtpExtensionForm.OneByte ? RtpExtensionProfile.OneByte : RtpExtensionProfile.TwoByte;
            BinaryPrimitives.WriteUInt16BigEndian(destination[_offset..], profile);
            _extensionHeaderOffset = _offset;
            _offset += ExtensionHeaderLength;
        }
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _offset;

    /// <summary>Appends one extension element. One-byte form: id 1..14, 1..16 bytes; two-byte: id 1..255, 0..255 bytes.</summary>
    public bool TryAddExtension(int id, ReadOnlySpan<byte> value)
    {
        if (_failed)
        {
            return false;
        }

        bool valid = _form switch
        {
            RtpExtensionForm.OneByte => id is >= 1 and <= OneByteMaxId && value.Length is >= 1 and <= OneByteMaxLength,
            RtpExtensionForm.TwoByte => id is >= 1 and <= TwoByteMaxId && value.Length <= TwoByteMaxLength,
            _ => false,
        };
        int elementHeader = _form == RtpExtensionForm.OneByte ? 1 : 2;
        if (!valid || _destination.Length < _offset + elementHeader + value.Length)
        {
            _failed = true;
            return false;
        }

        if (_form == RtpExtensionForm.OneByte)
        {
            _destination[_offset] = (byte)((id << 4) | (value.Length - 1));
        }
        else
        {
            _destination[_offset] = (byte)id;
            _destination[_offset + 1] = (byte)value.Length;
        }

        _offset += elementHeader;
        value.CopyTo(_destination[_offset..]);
        _offset += value.Length;
        return true;
    }

    /// <summary>
    /// Closes the extension block (zero-padded to 32 bits), appends the payload and, when
    /// <paramref name="paddingLength"/> is 1..255, that many padding bytes ending in the count (RFC 3550 §5.1).
    /// </summary>
    public bool TryComplete(ReadOnlySpan<byte> payload, int paddingLength, out int written)
    {
        written = 0;
        if (_failed || (uint)paddingLength > MaxPaddingLength)
        {
            _failed = true;
            return false;
        }

        if (_extensionHeaderOffset >= 0)
        {
            int blockLength = _offset - _extensionHeaderOffset - ExtensionHeaderLength;
            int alignment = (WordLength - (blockLength % WordLength)) % WordLength;
            if (_destination.Length < _offset + alignment)
            {
                _failed = true;
                return false;
            }

            _destination.Slice(_offset, alignment).Clear();
            _offset += alignment;
            ushort words = (ushort)((blockLength + alignment) / WordLength);
            BinaryPrimitives.WriteUInt16BigEndian(_destination[(_extensionHeaderOffset + ExtensionLengthOffset)..], words);
        }

        if (_destination.Length < _offset + payload.Length + paddingLength)
        {
            _failed = true;
            return false;
        }

        payload.CopyTo(_destination[_offset..]);
        _offset += payload.Length;
        if (paddingLength > 0)
        {
            _destination.Slice(_offset, paddingLength - 1).Clear();
            _offset += paddingLength;
            _destination[_offset - 1] = (byte)paddingLength;
            _destination[0] |= PaddingBit;
        }

        written = _offset;
        _failed = true; // a completed packet takes no more writes
        return true;
    }
}
