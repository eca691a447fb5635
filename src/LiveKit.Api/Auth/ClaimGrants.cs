using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveKit.Api;

/// <summary>
/// The claims of a verified LiveKit access token: who the bearer is, what it may do, and the registered JWT claims
/// (RFC 7519 §4.1) that bound its validity. <see cref="TokenVerifier"/> builds it; the server reads it.
/// </summary>
/// <remarks>
/// Claim names are LiveKit's (livekit/protocol <c>auth/grants.go</c>, <c>ClaimGrants</c>). Two values are equal
/// when every member is equal, <see cref="Attributes"/> compared as a set of pairs.
/// </remarks>
public sealed record ClaimGrants
{
    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();

    /// <summary>
    /// The participant identity: the <c>sub</c> claim, or the <c>jti</c> claim when <c>sub</c> is empty
    /// (livekit/protocol <c>auth/verifier.go</c>, <c>ParseAPIToken</c>). Empty for server-API tokens.
    /// </summary>
    public string Identity { get; init; } = "";

    /// <summary>The <c>name</c> claim: the participant's display name.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>metadata</c> claim: the participant's initial metadata.</summary>
    public string? Metadata { get; init; }

    /// <summary>The <c>attributes</c> claim: the participant's initial key/value attributes.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>The <c>kind</c> claim: a <see cref="ParticipantKinds"/> value; null or empty means standard.</summary>
    public string? Kind { get; init; }

    /// <summary>The <c>video</c> claim: room grants. Null when the token carries none.</summary>
    public VideoGrants? Video { get; init; }

    /// <summary>The <c>sha256</c> claim: the base64 SHA-256 of a webhook body the token vouches for.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The <c>iss</c> claim: the API key that signed the token.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>exp</c> claim: when the token expires (whole seconds).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The <c>nbf</c> claim: when the token becomes valid (whole seconds).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The <c>iat</c> claim: when the token was issued (whole seconds).</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The <c>jti</c> claim: the token's identifier.</summary>
    public string? JwtId { get; init; }

    /// <inheritdoc />
    public bool Equals(ClaimGrants? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Identity == other.Identity
            && Name == other.Name
            && Metadata == other.Metadata
            && AttributesEqual(Attributes, other.Attributes)
            && Kind == other.Kind
            && Equals(Video, other.Video)
            && Sha256 == other.Sha256
            && Issuer == other.Issuer
            && ExpiresAt == other.ExpiresAt
            && NotBefore == other.NotBefore
            && IssuedAt == other.IssuedAt
            && JwtId == other.JwtId;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Identity);
        hash.Add(Name);
        hash.Add(Metadata);
        hash.Add(Attributes?.Count ?? 0);
        hash.Add(Kind);
        hash.Add(Video);
        hash.Add(Sha256);
        hash.Add(Issuer);
        hash.Add(ExpiresAt);
        hash.Add(NotBefore);
        hash.Add(IssuedAt);
        hash.Add(JwtId);
        return hash.ToHashCode();
    }

    private static bool AttributesEqual(IReadOnlyDictionary<string, string>? left, IReadOnlyDictionary<string, string>? right)
    {
        // As for JSON's omitempty, no attributes and an empty map are the same claim.
        left ??= EmptyAttributes;
        right ??= EmptyAttributes;
        return left.Count == right.Count
            && left.All(pair => right.TryGetValue(pair.Key, out string? value) && value == pair.Value);
    }
}
