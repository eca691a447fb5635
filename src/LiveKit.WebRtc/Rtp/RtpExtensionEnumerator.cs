using System;

namespace LiveKit.WebRtc.Rtp;

// RFC 8285 §4.2, one-byte header elements (profile 0xBEDE):
//
//  0
//  0 1 2 3 4 5 6 7
// +-+-+-+-+-+-+-+-+
// |  ID   |  len  |   followed by len+1 data bytes; ID 0 is a padding byte, ID 15 stops parsing
// +-+-+-+-+-+-+-+-+
//
// RFC 8285 §4.3, two-byte header elements (profile 0x100 + 4 application bits):
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |       ID      |     length    |   followed by length data bytes (0 allowed); ID 0 is a padding byte
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>Walks the elements of an RFC 8285 extension block without allocating.</summary>
internal ref struct RtpExtensionEnumerator
{
    private const int OneByteIdShift = 4;
    private const int OneByteLengthMask = 0x0F;
    private const int OneByteStopId = 15;
    private const int TwoByteElementHeaderLength = 2;

    private readonly ReadOnlySpan<byte> _block;
    private readonly RtpExtensionForm _form;
    private int _offset;

    /// <summary>Creates an enumerator over <paramref name="block"/> (the data after the 4-byte profile/length word).</summary>
    public RtpExtensionEnumerator(ReadOnlySpan<byte> block, RtpExtensionForm form)
    {
        _block = block;
        _form = form;
        _offset = 0;
        Current = default;
        IsMalformed = false;
    }

    /// <summary>The element found by the last successful <see cref="MoveNext"/>.</summary>
    public RtpExtension Current { get; private set; }

    /// <summary>True when enumeration stopped on an element that overran the block.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Returns this enumerator so it can be used in <c>foreach</c>.</summary>
    public readonly RtpExtensionEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next element, skipping padding bytes.</summary>
    public bool MoveNext()
    {
        return _form switch
        {
            RtpExtensionForm.OneByte => MoveNextOneByte(),
            RtpExtensionForm.TwoByte => MoveNextTwoByte(),
            _ => false,
        };
    }

    private bool MoveNextOneByte()
    {
        while (_offset < _block.Length)
        {
            byte first = _block[_offset];
            int id = first >> OneByteIdShift;
            if (id == 0)
            {
                // RFC 8285 §4.2: ID 0 is a padding byte; like libwebrtc, skip it whatever its length nibble says.
                _offset++;
                continue;
            }

            if (id == OneByteStopId)
            {
                // RFC 8285 §4.2: ID 15 is reserved; stop processing the block.
                _offset = _block.Length;
                return false;
            }

            int length = (first & OneByteLengthMask) + 1;
            int start = _offset + 1;
            if (start + length > _block.Length)
            {
                return Fail();
            }

            Current = new RtpExtension(id, _block.Slice(start, length));
            _offset = start + length;
            return true;
        }

        return false;
    }

    private bool MoveNextTwoByte()
    {
        while (_offset < _block.Length)
        {
            byte id = _block[_offset];
            if (id == 0)
            {
                _offset++;
                continue;
            }

            if (_offset + TwoByteElementHeaderLength > _block.Length)
            {
                return Fail();
            }

            int length = _block[_offset + 1];
            int start = _offset + TwoByteElementHeaderLength;
            if (start + length > _block.Length)
            {
                return Fail();
            }

            Current = new RtpExtension(id, _block.Slice(start, length));
            _offset = start + length;
            return true;
        }

        return false;
    }

    private bool Fail()
    {
        IsMalformed = true;
        _offset = _block.Length;
        return false;
    }
}
