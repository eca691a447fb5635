using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;

namespace LiveKit.Api;

/// <summary>
/// Verifies LiveKit access tokens as a LiveKit server does (livekit/protocol <c>auth/verifier.go</c>, which validates
/// with go-jose): HS256 only, the secret found by the <c>iss</c> claim, the signature compared in constant time, and
/// <c>nbf</c>, <c>exp</c> and <c>iat</c> checked with a leeway. Never throws on a bad token: the result says why.
/// </summary>
/// <remarks>
/// Like the server, the verifier does not ask for an identity: server-API tokens have none, and the server checks
/// the join grant before the identity (README.md, "Server validation answers"). Pass <c>requireIdentity: true</c>
/// to refuse tokens without one. A token without <c>exp</c> is accepted, as go-jose accepts it.
/// </remarks>
public sealed class TokenVerifier
{
    /// <summary>The clock skew allowed on <c>exp</c>, <c>nbf</c> and <c>iat</c>: one minute, go-jose's <c>DefaultLeeway</c>.</summary>
    public static readonly TimeSpan DefaultLeeway = TimeSpan.FromMinutes(1);

    private readonly IReadOnlyDictionary<string, string> _secretsByApiKey;

    /// <summary>Creates a verifier that knows the given API keys, with <see cref="DefaultLeeway"/>.</summary>
    /// <param name="secretsByApiKey">The secret of each API key; read at each verification, not copied.</param>
    public TokenVerifier(IReadOnlyDictionary<string, string> secretsByApiKey)
        : this(secretsByApiKey, DefaultLeeway)
    {
    }

    /// <summary>Creates a verifier that knows the given API keys and allows <paramref name="leeway"/> of clock skew.</summary>
    /// <param name="secretsByApiKey">The secret of each API key; read at each verification, not copied.</param>
    /// <param name="leeway">How far past <c>exp</c> or before <c>nbf</c> a token is still accepted; zero or more.</param>
    public TokenVerifier(IReadOnlyDictionary<string, string> secretsByApiKey, TimeSpan leeway)
    {
        ArgumentNullException.ThrowIfNull(secretsByApiKey);
        if (leeway < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leeway), leeway, "The leeway must be zero or positive.");
        }

        _secretsByApiKey = secretsByApiKey;
        Leeway = leeway;
    }

    /// <summary>Creates a verifier for a single API key, with <see cref="DefaultLeeway"/>.</summary>
    public TokenVerifier(string apiKey, string apiSecret)
        : this(SingleKey(apiKey, apiSecret), DefaultLeeway)
    {
    }

    /// <summary>The clock skew allowed on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan Leeway { get; }

    /// <summary>Verifies <paramref name="jwt"/> at the current time of <paramref name="timeProvider"/>.</summary>
    public TokenVerificationResult Verify(string? jwt, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Verify(jwt, timeProvider.GetUtcNow(), requireIdentity: false);
    }

    /// <summary>Verifies <paramref name="jwt"/> as of <paramref name="now"/>.</summary>
    public TokenVerificationResult Verify(string? jwt, DateTimeOffset now) => Verify(jwt, now, requireIdentity: false);

    /// <summary>
    /// Verifies <paramref name="jwt"/> as of <paramref name="now"/>; with <paramref name="requireIdentity"/>, a token
    /// whose <c>sub</c> and <c>jti</c> are both empty is refused with <see cref="TokenError.MissingIdentity"/>.
    /// </summary>
    public TokenVerificationResult Verify(string? jwt, DateTimeOffset now, bool requireIdentity)
    {
        if (string.IsNullOrEmpty(jwt))
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, "the token is empty");
        }

        // RFC 7515 §7.1: BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)
        int firstDot = jwt.IndexOf('.');
        int secondDot = firstDot < 0 ? -1 : jwt.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || jwt.IndexOf('.', secondDot + 1) >= 0)
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, "a token has three base64url parts separated by '.'");
        }

        ReadOnlySpan<char> headerPart = jwt.AsSpan(0, firstDot);
        ReadOnlySpan<char> payloadPart = jwt.AsSpan(firstDot + 1, secondDot - firstDot - 1);
        ReadOnlySpan<char> signaturePart = jwt.AsSpan(secondDot + 1);
        if (!Hs256Jwt.TryDecodePart(headerPart, out byte[] header)
            || !Hs256Jwt.TryDecodePart(payloadPart, out byte[] payload)
            || !Hs256Jwt.TryDecodePart(signaturePart, out byte[] signature))
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, "a part of the token is not base64url");
        }

        TokenVerificationResult? refusal = CheckHeader(header);
        if (refusal is not null)
        {
            return refusal;
        }

        using JsonDocument? document = TryParse(payload);
        if (document is null)
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, "the payload is not JSON");
        }

        if (!ClaimGrantsJson.TryReadRegistered(document.RootElement, out ClaimGrants registered, out string error))
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, error);
        }

        string apiKey = registered.Issuer ?? "";
        if (!_secretsByApiKey.TryGetValue(apiKey, out string? secret) || string.IsNullOrEmpty(secret))
        {
            // The server's words (pkg/service/auth.go).
            return TokenVerificationResult.Refused(TokenError.UnknownApiKey, "invalid API key: " + apiKey, apiKey);
        }

        byte[] expected = Hs256Jwt.Sign(jwt[..secondDot], secret);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return TokenVerificationResult.Refused(
                TokenError.BadSignature,
                "the signature does not match: the token was signed with another secret, or altered",
                apiKey);
        }

        if (!ClaimGrantsJson.TryReadGrants(document.RootElement, registered, out ClaimGrants claims, out error))
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, error, apiKey);
        }

        refusal = CheckTimes(claims, now);
        if (refusal is not null)
        {
            return refusal;
        }

        if (requireIdentity && claims.Identity.Length == 0)
        {
            return TokenVerificationResult.Refused(TokenError.MissingIdentity, "the token has no identity (sub or jti)", apiKey);
        }

        return TokenVerificationResult.Valid(claims);
    }

    private static TokenVerificationResult? CheckHeader(byte[] header)
    {
        using JsonDocument? document = TryParse(header);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return TokenVerificationResult.Refused(TokenError.Malformed, "the header is not a JSON object");
        }

        // RFC 8725 §3.1: the algorithm is fixed by the verifier, never chosen by the token ("none", RS256 with an
        // HMAC key...).
        if (!document.RootElement.TryGetProperty("alg", out JsonElement alg)
            || alg.ValueKind != JsonValueKind.String
            || alg.GetString() != Hs256Jwt.Algorithm)
        {
            string named = alg.ValueKind == JsonValueKind.String ? alg.GetString()! : "no algorithm";
            return TokenVerificationResult.Refused(
                TokenError.UnsupportedAlgorithm, $"the token is signed with '{named}'; only HS256 is accepted");
        }

        return null;
    }

    /// <summary>go-jose's <c>Claims.ValidateWithLeeway</c> order: <c>nbf</c>, then <c>exp</c>, then <c>iat</c>.</summary>
    private TokenVerificationResult? CheckTimes(ClaimGrants claims, DateTimeOffset now)
    {
        if (claims.NotBefore is DateTimeOffset notBefore && notBefore - now > Leeway)
        {
            return TokenVerificationResult.Refused(
                TokenError.NotYetValid,
                $"token not valid yet (nbf {notBefore:O}, now {now:O}, leeway {Leeway.TotalSeconds} s)",
                claims.Issuer);
        }

        if (claims.ExpiresAt is DateTimeOffset expiresAt && now - expiresAt > Leeway)
        {
            return TokenVerificationResult.Refused(
                TokenError.Expired,
                $"token is expired (exp {expiresAt:O}, now {now:O}, leeway {Leeway.TotalSeconds} s)",
                claims.Issuer);
        }

        if (claims.IssuedAt is DateTimeOffset issuedAt && issuedAt - now > Leeway)
        {
            return TokenVerificationResult.Refused(
                TokenError.NotYetValid,
                $"token issued in the future (iat {issuedAt:O}, now {now:O}, leeway {Leeway.TotalSeconds} s)",
                claims.Issuer);
        }

        return null;
    }

    private static JsonDocument? TryParse(byte[] json)
    {
        // Invalid UTF-8 would only surface later, as an exception from GetString: refuse it here.
        if (!Utf8.IsValid(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // Untrusted bytes: JsonDocument has no Try form, so its refusal becomes a result here.
            return null;
        }
    }

    private static Dictionary<string, string> SingleKey(string apiKey, string apiSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        return new Dictionary<string, string>(StringComparer.Ordinal) { [apiKey] = apiSecret };
    }
}
