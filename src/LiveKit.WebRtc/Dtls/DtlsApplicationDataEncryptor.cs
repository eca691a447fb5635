using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Seals our application_data (and closing alert) records of epoch 1 with .NET's <see cref="AesGcm"/>, once the peer
/// has our Finished, so that SCTP packets skip BouncyCastle's record layer, which re-keys AES and allocates for every
/// record. RFC 5246 §6.2.3.3 and RFC 5288 §3: the explicit nonce is the 8-byte epoch || sequence number, unique per key.
/// Our sequence numbers start at <see cref="FirstSequenceNumber"/>, far above the few records BouncyCastle wrote in
/// epoch 1 (its Finished and any data before the switch), so no nonce repeats. Not thread-safe.
/// </summary>
internal sealed class DtlsApplicationDataEncryptor : IDisposable
{
    /// <summary>Our first sequence number in epoch 1.</summary>
    public const ulong FirstSequenceNumber = 1UL << 32;

    /// <summary>Header, explicit nonce and tag around the plaintext.</summary>
    public const int Overhead = DtlsRecordFilter.HeaderLength + ExplicitNonceLength + TagLength;

    private const int ExplicitNonceLength = 8;
    private const int TagLength = 16;
    private const ushort Dtls12 = 0xFEFD;
    private const ulong MaxSequenceNumber = (1UL << 48) - 1;

    private readonly AesGcm _aead;
    private readonly byte[] _salt;
    private ulong _sequence = FirstSequenceNumber;

    /// <summary>Creates the encryptor for records we write: the client's keys for a client, the server's for a server.</summary>
    public DtlsApplicationDataEncryptor(DtlsRecordKeys keys, DtlsRole localRole)
    {
        bool localIsClient = localRole == DtlsRole.Client;
        _aead = new AesGcm(localIsClient ? keys.ClientWriteKey : keys.ServerWriteKey, TagLength);
        _salt = localIsClient ? keys.ClientWriteSalt : keys.ServerWriteSalt;
    }

    /// <summary>
    /// Writes one protected record of <paramref name="contentType"/> carrying <paramref name="plaintext"/> into
    /// <paramref name="destination"/> (at least <see cref="Overhead"/> bytes longer) and returns its length.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sequence numbers of the epoch are exhausted (RFC 6347 §4.1).</exception>
    public int Encrypt(byte contentType, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        if (_sequence > MaxSequenceNumber)
        {
            throw new InvalidOperationException("The DTLS epoch has used all its sequence numbers.");
        }

        ulong epochAndSequence = ((ulong)DtlsApplicationDataDecryptor.Epoch << 48) | _sequence++;
        destination[0] = contentType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], Dtls12);
        BinaryPrimitives.WriteUInt64BigEndian(destination[3..], epochAndSequence);
        BinaryPrimitives.WriteUInt16BigEndian(destination[11..], (ushort)(plaintext.Length + ExplicitNonceLength + TagLength));
        Span<byte> fragment = destination[DtlsRecordFilter.HeaderLength..];
        BinaryPrimitives.WriteUInt64BigEndian(fragment, epochAndSequence);

        Span<byte> nonce = stackalloc byte[12];
        _salt.CopyTo(nonce);
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], epochAndSequence);
        Span<byte> additionalData = stackalloc byte[13];
        destination[3..11].CopyTo(additionalData);
        additionalData[8] = contentType;
        BinaryPrimitives.WriteUInt16BigEndian(additionalData[9..], Dtls12);
        BinaryPrimitives.WriteUInt16BigEndian(additionalData[11..], (ushort)plaintext.Length);
        _aead.Encrypt(
            nonce,
            plaintext,
            fragment.Slice(ExplicitNonceLength, plaintext.Length),
            fragment.Slice(ExplicitNonceLength + plaintext.Length, TagLength),
            additionalData);
        return Overhead + plaintext.Length;
    }

    /// <inheritdoc />
    public void Dispose() => _aead.Dispose();
}
