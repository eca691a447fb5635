using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// An access token given on the command line and the identity it carries. The demo reads the identity (the JWT's
/// <c>sub</c> claim, RFC 7519 §4.1.2, where LiveKit puts it) without verifying the signature: it has no secret, and
/// it only needs the name to label the output and to recognize that participant in the other's events. The server
/// verifies the token.
/// </summary>
/// <param name="Token">The token as given.</param>
/// <param name="Identity">Its <c>sub</c> claim.</param>
internal sealed record TokenIdentity(string Token, string Identity)
{
    /// <summary>Reads the identity of <paramref name="token"/>; false when it is not a JWT with a non-empty <c>sub</c>.</summary>
    public static bool TryRead(string token, [NotNullWhen(true)] out TokenIdentity? identity)
    {
        identity = null;
        string[] parts = token.Split('.');
        if (parts.Length != 3 || !TryDecodeBase64Url(parts[1], out byte[]? payload))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sub", out JsonElement sub)
                && sub.ValueKind == JsonValueKind.String
                && sub.GetString() is { Length: > 0 } subject)
            {
                identity = new TokenIdentity(token, subject);
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>A JWT part is base64url without padding (RFC 7515 §2, RFC 4648 §5).</summary>
    private static bool TryDecodeBase64Url(string part, [NotNullWhen(true)] out byte[]? bytes)
    {
        string base64 = part.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out int written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = null;
        return false;
    }
}
