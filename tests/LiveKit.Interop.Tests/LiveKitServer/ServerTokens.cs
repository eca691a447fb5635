using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveKit.Interop.Tests.LiveKitServer;

/// <summary>
/// Reads the JWTs a page holds on its own, without LiveKit.Api (which the server signs with: a shared bug would cancel
/// out): the payload's claims that matter here, and whether the HS256 signature is the given secret's (RFC 7515 §5.2).
/// </summary>
internal static class ServerTokens
{
    /// <summary>The payload's <c>sub</c>, <c>video.room</c>, <c>name</c>, <c>iat</c> and <c>exp</c>.</summary>
    public static TokenPayload Payload(string jwt)
    {
        string[] parts = jwt.Split('.');
        Assert3Parts(parts, jwt);
        using JsonDocument payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        JsonElement root = payload.RootElement;
        string? room = root.TryGetProperty("video", out JsonElement video) && video.TryGetProperty("room", out JsonElement r) ? r.GetString() : null;
        return new TokenPayload(
            root.TryGetProperty("sub", out JsonElement sub) ? sub.GetString() : null,
            room,
            root.TryGetProperty("name", out JsonElement name) ? name.GetString() : null,
            root.TryGetProperty("iat", out JsonElement iat) ? iat.GetInt64() : 0,
            root.TryGetProperty("exp", out JsonElement exp) ? exp.GetInt64() : 0);
    }

    /// <summary>Whether <paramref name="jwt"/> is HS256-signed with <paramref name="secret"/>.</summary>
    public static bool IsSignedWith(string jwt, string secret)
    {
        string[] parts = jwt.Split('.');
        Assert3Parts(parts, jwt);
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Base64UrlDecode(parts[2]));
    }

    private static void Assert3Parts(string[] parts, string jwt)
    {
        if (parts.Length != 3)
        {
            throw new FormatException($"not a compact JWS: {jwt}");
        }
    }

    private static byte[] Base64UrlDecode(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
