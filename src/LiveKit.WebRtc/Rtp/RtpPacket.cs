using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Rtp;

// RFC 3550 §5.1 and §5.3.1, an RTP packet:
//
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |            fixed header (12 bytes, see RtpHeader)             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                   CSRC list (CC x 32 bits)                    |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      defined by profile       |           length              |  if X (RFC 3550 §5.3.1)
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                 header extension (length x 32 bits)           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                            payload                            |
// |                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                               | padding ...   | padding count |  if P
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A zero-allocation view over one RTP packet held in a span.</summary>
internal readonly ref struct RtpPacket
{
    private const int CsrcLength = 4;
    private const int ExtensionHeaderLength = 4;
    private const int ExtensionLengthOffset = 2;
    private const int WordLength = 4;

    private RtpPacket(
        ReadOnlySpan<byte> raw,
        RtpHeader header,
        ReadOnlySpan<byte> csrcs,
        ushort extensionProfile,
        ReadOnlySpan<byte> extensionBlock,
        ReadOnlySpan<byte> payload,
        int paddingLength)
    {
        Raw = raw;
        Header = header;
        CsrcBytes = csrcs;
        ExtensionProfile = extensionProfile;
        ExtensionBlock = extensionBlock;
        Payload = payload;
        PaddingLength = paddingLength;
    }

    /// <summary>The whole packet as parsed.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The fixed header fields.</summary>
    public RtpHeader Header { get; }

    /// <summary>The CSRC list as raw big-endian words; use <see cref="GetCsrc"/> to read one.</summary>
    public ReadOnlySpan<byte> CsrcBytes { get; }

    /// <summary>The "defined by profile" field of the extension block, or 0 when X is clear.</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>The extension block's data (after its 4-byte profile/length word), empty when X is clear.</summary>
    public ReadOnlySpan<byte> ExtensionBlock { get; }

    /// <summary>The payload, with padding removed.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Number of padding bytes at the end, including the count byte; 0 when P is clear.</summary>
    public int PaddingLength { get; }

    /// <summary>The RFC 8285 layout of the extension block.</summary>
    public RtpExtensionForm ExtensionForm =>
        Header.Extension ? RtpExtensionProfile.GetForm(ExtensionProfile) : RtpExtensionForm.None;

    /// <summary>Length of the header: fixed part, CSRCs and extension block.</summary>
    public int HeaderLength => Raw.Length - Payload.Length - PaddingLength;

    /// <summary>
    /// Parses an RTP packet. Fails (never throws) on a short buffer, a version other than 2, a CSRC list
    /// or extension block that overruns the buffer, or a padding count of 0 or larger than the payload.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (!RtpHeader.TryParse(data, out RtpHeader header))
        {
            return false;
        }

        int offset = RtpHeader.FixedLength;
        int csrcLength = header.CsrcCount * CsrcLength;
        if (data.Length < offset + csrcLength)
        {
            return false;
        }

        ReadOnlySpan<byte> csrcs = data.Slice(offset, csrcLength);
        offset += csrcLength;

        ushort profile = 0;
        ReadOnlySpan<byte> extensionBlock = default;
        if (header.Extension)
        {
            if (data.Length < offset + ExtensionHeaderLength)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int blockLength = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + ExtensionLengthOffset)..]) * WordLength;
            offset += ExtensionHeaderLength;
            if (data.Length < offset + blockLength)
            {
                return false;
            }

            extensionBlock = data.Slice(offset, blockLength);
            offset += blockLength;
        }

        int end = data.Length;
        int paddingLength = 0;
        if (header.Padding)
        {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            if (end <= offset)
            {
                return false;
            }

            paddingLength = data[end - 1];
            if (paddingLength == 0 || paddingLength > end - offset)
            {
                return false;
            }

            end -= paddingLength;
        }

        packet = new RtpPacket(data, header, csrcs, profile, extensionBlock, data[offset..end], paddingLength);
        return true;
    }

    /// <summary>Reads CSRC number <paramref name="index"/> (0-based, below <see cref="RtpHeader.CsrcCount"/>).</summary>
    public uint GetCsrc(int index) => BinaryPrimitives.ReadUInt32BigEndian(CsrcBytes.Slice(index * CsrcLength, CsrcLength));

    /// <summary>Enumerates the RFC 8285 extension elements; empty when there are none or the profile is unknown.</summary>
    public RtpExtensionEnumerator GetExtensions() => new(ExtensionBlock, ExtensionForm);

    /// <summary>Finds the first extension element with local identifier <paramref name="id"/>.</summary>
    public bool TryGetExtension(int id, out ReadOnlySpan<byte> value)
    {
        foreach (RtpExtension extension in GetExtensions())
        {
            if (extension.Id == id)
            {
                value = extension.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Length of the packet as parsed.</summary>
    public int GetSerializedLength() => Raw.Length;

    /// <summary>Copies the packet bytes unchanged.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (!Raw.TryCopyTo(destination))
        {
            return false;
        }

        written = Raw.Length;
        return true;
    }
}
