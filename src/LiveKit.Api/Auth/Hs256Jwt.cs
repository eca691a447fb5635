using System;
using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveKit.Api;

/// <summary>
/// The JWS compact serialization (RFC 7515 §7.1) of a JWT signed with HMAC SHA-256 (RFC 7518 §3.2), the only
/// algorithm LiveKit uses: <c>BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(HMAC(secret, first two))</c>.
/// </summary>
internal static class Hs256Jwt
{
    /// <summary>The JOSE header every LiveKit token carries.</summary>
    public const string HeaderJson = """{"alg":"HS256","typ":"JWT"}""";

    /// <summary>The algorithm name of the header (RFC 7518 §3.1).</summary>
    public const string Algorithm = "HS256";

    private static readonly string EncodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(HeaderJson));

    /// <summary>Serializes and signs <paramref name="claims"/> with <paramref name="secret"/> (its UTF-8 bytes are the key).</summary>
    public static string Encode(ClaimGrants claims, string secret)
    {
        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload))
        {
            ClaimGrantsJson.Write(writer, claims);
        }

        string signingInput = EncodedHeader + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput, secret));
    }

    /// <summary>HMAC SHA-256 of the ASCII signing input under the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static byte[] Sign(string signingInput, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));

    /// <summary>
    /// Decodes one base64url part (RFC 7515 §2: no padding; trailing '=' tolerated as go-jose does). False on any
    /// character outside the base64url alphabet.
    /// </summary>
    public static bool TryDecodePart(ReadOnlySpan<char> part, out byte[] bytes)
    {
        part = part.TrimEnd('=');
        byte[] buffer = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        OperationStatus status = Base64Url.DecodeFromChars(part, buffer, out int consumed, out int written);
        if (status == OperationStatus.Done && consumed == part.Length)
        {
            bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
            return true;
        }

        bytes = [];
        return false;
    }
}
