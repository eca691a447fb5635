using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using LiveKit.WebRtc.Srtp;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Opens the peer's application_data records of epoch 1 with .NET's <see cref="AesGcm"/>, on the thread that received
/// the datagram, so that SCTP packets skip BouncyCastle's record layer (which re-keys AES for every record) and the hop
/// to its receive thread. Everything else (alerts, handshake retransmissions) still goes to BouncyCastle.
/// RFC 5246 §6.2.3.3 and RFC 5288 §3: nonce = salt(4) || explicit nonce(8); additional data = epoch || sequence number
/// || type || version || plaintext length. Replays are refused with the RFC 6347 §4.1.2.6 window. Not thread-safe.
/// </summary>
internal sealed class DtlsApplicationDataDecryptor : IDisposable
{
    /// <summary>RFC 5246 §6.2.1: the content type of application data.</summary>
    public const byte ApplicationDataType = 23;

    /// <summary>The epoch after the handshake (no renegotiation in DTLS-SRTP).</summary>
    public const ushort Epoch = 1;

    private const int ExplicitNonceLength = 8;
    private const int TagLength = 16;

    private readonly AesGcm _aead;
    private readonly byte[] _salt;
    private SrtpReplayWindow _replay; // the same 64-record sliding window RFC 6347 §4.1.2.6 describes

    /// <summary>Creates the decryptor for records the peer writes: the server's keys for a client, and the other way round.</summary>
    public DtlsApplicationDataDecryptor(DtlsRecordKeys keys, DtlsRole localRole)
    {
        bool peerIsServer = localRole == DtlsRole.Client;
        _aead = new AesGcm(peerIsServer ? keys.ServerWriteKey : keys.ClientWriteKey, TagLength);
        _salt = peerIsServer ? keys.ServerWriteSalt : keys.ClientWriteSalt;
    }

    /// <summary>Whether <paramref name="record"/> (header included) is application data of <see cref="Epoch"/>.</summary>
    public static bool IsApplicationData(ReadOnlySpan<byte> record) =>
        record.Length >= DtlsRecordFilter.HeaderLength && record[0] == ApplicationDataType && BinaryPrimitives.ReadUInt16BigEndian(record[3..]) == Epoch;

    /// <summary>The largest plaintext a record of <paramref name="recordLength"/> bytes can hold.</summary>
    public static int MaxPlaintextLength(int recordLength) =>
        Math.Max(0, recordLength - DtlsRecordFilter.HeaderLength - ExplicitNonceLength - TagLength);

    /// <summary>
    /// Authenticates and decrypts one application data record into <paramref name="plaintext"/> (at least
    /// <see cref="MaxPlaintextLength"/>). Returns the plaintext length, or -1 for a forged, corrupt, truncated or
    /// replayed record, which RFC 6347 §4.1.2.7 says to discard silently.
    /// </summary>
    public int Decrypt(ReadOnlySpan<byte> record, Span<byte> plaintext)
    {
        if (record.Length < DtlsRecordFilter.HeaderLength + ExplicitNonceLength + TagLength)
        {
            return -1;
        }

        // The 8-byte epoch || sequence number is the record's replay index and the first part of the additional data.
        ulong sequence = BinaryPrimitives.ReadUInt64BigEndian(record[3..]) & 0x0000_FFFF_FFFF_FFFF;
        if (_replay.IsReplayed(sequence))
        {
            return -1;
        }

        ReadOnlySpan<byte> fragment = record[DtlsRecordFilter.HeaderLength..];
        int length = fragment.Length - ExplicitNonceLength - TagLength;
        Span<byte> nonce = stackalloc byte[12];
        _salt.CopyTo(nonce);
        fragment[..ExplicitNonceLength].CopyTo(nonce[4..]);
        Span<byte> additionalData = stackalloc byte[13];
        record.Slice(3, 8).CopyTo(additionalData);
        additionalData[8] = record[0];
        additionalData[9] = record[1];
        additionalData[10] = record[2];
        BinaryPrimitives.WriteUInt16BigEndian(additionalData[11..], (ushort)length);
        try
        {
            _aead.Decrypt(nonce, fragment.Slice(ExplicitNonceLength, length), fragment[^TagLength..], plaintext[..length], additionalData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return -1;
        }

        _replay.Accept(sequence);
        return length;
    }

    /// <inheritdoc />
    public void Dispose() => _aead.Dispose();
}
