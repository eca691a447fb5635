using System.Diagnostics.CodeAnalysis;

namespace LiveKit.Api;

/// <summary>The outcome of <see cref="TokenVerifier.Verify(string?, System.DateTimeOffset)"/>: the claims, or why there are none.</summary>
public sealed class TokenVerificationResult
{
    private TokenVerificationResult(ClaimGrants? claims, TokenError error, string message, string? apiKey)
    {
        Claims = claims;
        Error = error;
        Message = message;
        ApiKey = apiKey;
    }

    /// <summary>The verified claims; null unless <see cref="IsValid"/>.</summary>
    public ClaimGrants? Claims { get; }

    /// <summary>Why the token was refused; <see cref="TokenError.None"/> when it is valid.</summary>
    public TokenError Error { get; }

    /// <summary>A sentence for logs saying what was wrong ("token is valid" when nothing was).</summary>
    public string Message { get; }

    /// <summary>The <c>iss</c> claim, when the payload could be read that far (also for refused tokens).</summary>
    public string? ApiKey { get; }

    /// <summary>Whether the token is valid; then <see cref="Claims"/> is not null.</summary>
    [MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Error == TokenError.None;

    internal static TokenVerificationResult Valid(ClaimGrants claims) =>
        new(claims, TokenError.None, "token is valid", claims.Issuer);

    internal static TokenVerificationResult Refused(TokenError error, string message, string? apiKey = null) =>
        new(null, error, message, apiKey);

    /// <inheritdoc />
    public override string ToString() => IsValid ? Message : $"{Error}: {Message}";
}
