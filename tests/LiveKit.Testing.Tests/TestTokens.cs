using System;
using System.Security.Cryptography;
using System.Text;
using LiveKit.Api;

namespace LiveKit.Testing.Tests;

/// <summary>
/// Tokens the SDK's <see cref="AccessToken"/> refuses to make (no identity, odd claims) or dated elsewhere in time,
/// for the server's validation answers.
/// </summary>
internal static class TestTokens
{
    /// <summary>An HS256 JWT of <paramref name="payloadJson"/> signed with <paramref name="secret"/> (RFC 7515 §7.1).</summary>
    public static string Sign(string payloadJson, string secret)
    {
        string signingInput = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8) + "." + Base64Url(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>A join token as <see cref="LiveKitTestServer.CreateToken"/> makes it, but issued at <paramref name="issuedAt"/>.</summary>
    public static string IssuedAt(LiveKitTestServer server, string identity, string room, DateTimeOffset issuedAt, TimeSpan ttl) =>
        new AccessToken(server.ApiKey, server.ApiSecret)
        {
            Identity = identity,
            Ttl = ttl,
            Video = new VideoGrants { RoomJoin = true, Room = room },
        }.ToJwt(new FixedTimeProvider(issuedAt));

    /// <summary>Whole seconds since the Unix epoch, as JWT NumericDate (RFC 7519 §2).</summary>
    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A clock stopped at one instant, to date a token in the past or the future.</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
