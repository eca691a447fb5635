using System;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Srtp;

/// <summary>
/// The master keys and salts of both directions, split from the DTLS exporter output (RFC 5764 §4.2):
/// <code>
/// client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt
/// </code>
/// The DTLS client protects with the client key and unprotects with the server key; the server the other way round.
/// </summary>
internal sealed class SrtpKeyingMaterial
{
    /// <summary>The exporter label for DTLS-SRTP keys (RFC 5764 §4.2).</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    private SrtpKeyingMaterial(SrtpProtectionProfile profile, byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt)
    {
        Profile = profile;
        ClientMasterKey = clientKey;
        ServerMasterKey = serverKey;
        ClientMasterSalt = clientSalt;
        ServerMasterSalt = serverSalt;
    }

    /// <summary>The negotiated protection profile.</summary>
    public SrtpProtectionProfile Profile { get; }

    /// <summary>client_write_SRTP_master_key.</summary>
    public ReadOnlyMemory<byte> ClientMasterKey { get; }

    /// <summary>server_write_SRTP_master_key.</summary>
    public ReadOnlyMemory<byte> ServerMasterKey { get; }

    /// <summary>client_write_SRTP_master_salt.</summary>
    public ReadOnlyMemory<byte> ClientMasterSalt { get; }

    /// <summary>server_write_SRTP_master_salt.</summary>
    public ReadOnlyMemory<byte> ServerMasterSalt { get; }

    /// <summary>How many octets to request from the exporter: 2 * (key length + salt length).</summary>
    public static int GetExporterLength(SrtpProtectionProfile profile) =>
        2 * (profile.GetMasterKeyLength() + profile.GetMasterSaltLength());

    /// <summary>Splits <paramref name="exporterOutput"/>; false if the profile is unsupported or the length is wrong.</summary>
    public static bool TryCreate(SrtpProtectionProfile profile, ReadOnlySpan<byte> exporterOutput, [NotNullWhen(true)] out SrtpKeyingMaterial? material)
    {
        material = null;
        if (!profile.IsSupported() || exporterOutput.Length != GetExporterLength(profile))
        {
            return false;
        }

        int keyLength = profile.GetMasterKeyLength();
        int saltLength = profile.GetMasterSaltLength();
        int offset = 0;
        byte[] clientKey = exporterOutput.Slice(offset, keyLength).ToArray();
        offset += keyLength;
        byte[] serverKey = exporterOutput.Slice(offset, keyLength).ToArray();
        offset += keyLength;
        byte[] clientSalt = exporterOutput.Slice(offset, saltLength).ToArray();
        offset += saltLength;
        byte[] serverSalt = exporterOutput.Slice(offset, saltLength).ToArray();
        material = new SrtpKeyingMaterial(profile, clientKey, serverKey, clientSalt, serverSalt);
        return true;
    }

    /// <summary>The context that protects what this endpoint sends.</summary>
    public SrtpContext CreateOutboundContext(bool isDtlsClient) => isDtlsClient
        ? new SrtpContext(Profile, ClientMasterKey.Span, ClientMasterSalt.Span)
        : new SrtpContext(Profile, ServerMasterKey.Span, ServerMasterSalt.Span);

    /// <summary>The context that unprotects what the peer sends.</summary>
    public SrtpContext CreateInboundContext(bool isDtlsClient) => CreateOutboundContext(!isDtlsClient);
}
