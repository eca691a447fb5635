using System;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The AES-GCM write keys and implicit nonces (salts) of a DTLS 1.2 association (RFC 5246 §6.3 key_block; RFC 5288 §3:
/// no MAC keys, a 4-byte salt per direction), derived from the master secret once the handshake is complete.
/// </summary>
internal sealed record DtlsRecordKeys(byte[] ClientWriteKey, byte[] ServerWriteKey, byte[] ClientWriteSalt, byte[] ServerWriteSalt)
{
    private const int SaltLength = 4;

    /// <summary>
    /// Derives the key block of the negotiated AES-GCM suite, or null for another suite. BouncyCastle keeps the master
    /// secret until the handshake-complete notification, so call it from there.
    /// </summary>
    public static DtlsRecordKeys? Derive(TlsContext context)
    {
        SecurityParameters parameters = context.SecurityParameters;
        int keyLength = parameters.CipherSuite switch
        {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => 16,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 => 32,
            _ => 0,
        };
        if (keyLength == 0 || parameters.MasterSecret is not TlsSecret masterSecret)
        {
            return null;
        }

        // RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random).
        byte[] seed = [.. parameters.ServerRandom, .. parameters.ClientRandom];
        byte[] block = masterSecret.DeriveUsingPrf(parameters.PrfAlgorithm, ExporterLabel.key_expansion, seed, (2 * keyLength) + (2 * SaltLength)).Extract();
        ReadOnlySpan<byte> rest = block;
        return new DtlsRecordKeys(
            rest[..keyLength].ToArray(),
            rest.Slice(keyLength, keyLength).ToArray(),
            rest.Slice(2 * keyLength, SaltLength).ToArray(),
            rest.Slice((2 * keyLength) + SaltLength, SaltLength).ToArray());
    }
}
