namespace LiveKit.Api;

/// <summary>Why <see cref="TokenVerifier"/> refused a token. README.md maps each to the LiveKit server's answer.</summary>
public enum TokenError
{
    /// <summary>The token is valid.</summary>
    None = 0,

    /// <summary>
    /// Not a JWS compact serialization of JSON objects: empty, not three base64url parts, a header or payload that is
    /// not a JSON object, or a claim of the wrong JSON type.
    /// </summary>
    Malformed,

    /// <summary>The header's <c>alg</c> is not <c>HS256</c> (<c>none</c>, <c>RS256</c>, <c>HS512</c>...), or is missing.</summary>
    UnsupportedAlgorithm,

    /// <summary>The <c>iss</c> claim names no API key the verifier knows (or is missing).</summary>
    UnknownApiKey,

    /// <summary>The signature does not match the header and payload under the API key's secret.</summary>
    BadSignature,

    /// <summary>The <c>exp</c> claim is further in the past than the leeway allows.</summary>
    Expired,

    /// <summary>The <c>nbf</c> (or <c>iat</c>) claim is further in the future than the leeway allows.</summary>
    NotYetValid,

    /// <summary>Neither <c>sub</c> nor <c>jti</c> gives an identity, and the caller asked for one.</summary>
    MissingIdentity,
}
