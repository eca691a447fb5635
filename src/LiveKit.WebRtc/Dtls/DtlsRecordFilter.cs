using System;
using System.Buffers.Binary;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Drops the DTLS records that BouncyCastle 2.7 would answer with a fatal alert instead of discarding them, so that
/// one forged datagram cannot end an association (RFC 6347 §4.1.2.7: invalid records are silently discarded):
/// a version other than DTLS 1.0/1.2 (its ProtocolVersion lookup throws) and a protected record too short for its
/// AEAD nonce and tag (its decode_error is not discarded like bad_record_mac is).
/// </summary>
internal static class DtlsRecordFilter
{
    /// <summary>The DTLS record header: type, version, epoch, sequence number, length (RFC 6347 §4.1).</summary>
    public const int HeaderLength = 13;

    /// <summary>
    /// The shortest protected record of the suites we offer (<see cref="DtlsCipherSuites"/>, AES-GCM only): an
    /// 8-byte explicit nonce and a 16-byte tag (RFC 5288 §3).
    /// </summary>
    public const int MinimumProtectedLength = 8 + 16;

    private const ushort Dtls10 = 0xFEFF;
    private const ushort Dtls12 = 0xFEFD;

    /// <summary>
    /// Copies the acceptable records of <paramref name="datagram"/> into <paramref name="destination"/> (as long as the
    /// datagram) and returns their length; 0 when none is. A truncated last record is dropped.
    /// </summary>
    public static int Filter(ReadOnlySpan<byte> datagram, Span<byte> destination)
    {
        int offset = 0;
        int written = 0;
        while (datagram.Length - offset >= HeaderLength)
        {
            ReadOnlySpan<byte> header = datagram.Slice(offset, HeaderLength);
            ushort version = BinaryPrimitives.ReadUInt16BigEndian(header[1..]);
            ushort epoch = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
            int recordLength = HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(header[11..]);
            if (recordLength > datagram.Length - offset)
            {
                break;
            }

            bool acceptable = version is Dtls10 or Dtls12 && (epoch == 0 || recordLength - HeaderLength >= MinimumProtectedLength);
            if (acceptable)
            {
                datagram.Slice(offset, recordLength).CopyTo(destination[written..]);
                written += recordLength;
            }

            offset += recordLength;
        }

        return written;
    }
}
