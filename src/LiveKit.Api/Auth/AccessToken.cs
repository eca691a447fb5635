using System;
using System.Collections.Generic;

namespace LiveKit.Api;

/// <summary>
/// Builds a LiveKit access token: an HS256 JWT signed with an API secret, which a client presents to join a room
/// and a server-API caller presents to the RoomService.
/// </summary>
/// <example>
/// <code>
/// string jwt = new AccessToken(apiKey, apiSecret)
///     .WithIdentity("alice")
///     .WithGrants(new VideoGrants { RoomJoin = true, Room = "demo" })
///     .ToJwt();
/// </code>
/// </example>
/// <remarks>
/// The token carries <c>iss</c> = API key, <c>sub</c> = identity, <c>nbf</c> = <c>iat</c> = now and
/// <c>exp</c> = now + <see cref="Ttl"/>, plus LiveKit's claims (livekit/protocol <c>auth/accesstoken.go</c>).
/// </remarks>
public sealed class AccessToken
{
    /// <summary>The lifetime of a token when <see cref="Ttl"/> is not set: six hours, as LiveKit's SDKs.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(6);

    private readonly string _apiKey;
    private readonly string _apiSecret;
    private TimeSpan _ttl = DefaultTtl;

    /// <summary>Starts a token signed with <paramref name="apiSecret"/> and issued by <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">The API key; the server uses it (the <c>iss</c> claim) to find the secret.</param>
    /// <param name="apiSecret">The API secret the key stands for; its UTF-8 bytes are the HMAC key.</param>
    /// <exception cref="ArgumentException">The key or the secret is null or empty.</exception>
    public AccessToken(string apiKey, string apiSecret)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ArgumentException(
                "An API key is required: pass the key of your LiveKit project (LIVEKIT_API_KEY).", nameof(apiKey));
        }

        if (string.IsNullOrEmpty(apiSecret))
        {
            throw new ArgumentException(
                "An API secret is required: pass the secret paired with the API key (LIVEKIT_API_SECRET).", nameof(apiSecret));
        }

        _apiKey = apiKey;
        _apiSecret = apiSecret;
    }

    /// <summary>The participant identity (<c>sub</c>). Required with a <see cref="VideoGrants.RoomJoin"/> grant.</summary>
    public string? Identity { get; set; }

    /// <summary>The participant's display name (<c>name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The participant's initial metadata (<c>metadata</c>).</summary>
    public string? Metadata { get; set; }

    /// <summary>The participant's initial attributes (<c>attributes</c>).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; set; }

    /// <summary>The participant kind (<c>kind</c>): a <see cref="ParticipantKinds"/> value; null means standard.</summary>
    public string? Kind { get; set; }

    /// <summary>The base64 SHA-256 of a body the token vouches for (<c>sha256</c>), as webhooks use.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The room grants (<c>video</c>); null leaves the claim out.</summary>
    public VideoGrants? Video { get; set; }

    /// <summary>How long the token is valid from the moment it is made. Defaults to <see cref="DefaultTtl"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan Ttl
    {
        get => _ttl;
        set
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A token's lifetime must be positive.");
            }

            _ttl = value;
        }
    }

    /// <summary>Sets <see cref="Identity"/> and returns this token.</summary>
    public AccessToken WithIdentity(string identity)
    {
        Identity = identity;
        return this;
    }

    /// <summary>Sets <see cref="Name"/> and returns this token.</summary>
    public AccessToken WithName(string name)
    {
        Name = name;
        return this;
    }

    /// <summary>Sets <see cref="Metadata"/> and returns this token.</summary>
    public AccessToken WithMetadata(string metadata)
    {
        Metadata = metadata;
        return this;
    }

    /// <summary>Sets <see cref="Attributes"/> and returns this token.</summary>
    public AccessToken WithAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        Attributes = attributes;
        return this;
    }

    /// <summary>Sets <see cref="Kind"/> and returns this token.</summary>
    public AccessToken WithKind(string kind)
    {
        Kind = kind;
        return this;
    }

    /// <summary>Sets <see cref="Sha256"/> and returns this token.</summary>
    public AccessToken WithSha256(string sha256)
    {
        Sha256 = sha256;
        return this;
    }

    /// <summary>Sets <see cref="Video"/> and returns this token.</summary>
    public AccessToken WithGrants(VideoGrants video)
    {
        Video = video;
        return this;
    }

    /// <summary>Sets <see cref="Ttl"/> and returns this token.</summary>
    public AccessToken WithTtl(TimeSpan ttl)
    {
        Ttl = ttl;
        return this;
    }

    /// <summary>Signs the token, valid from now (the system clock) for <see cref="Ttl"/>.</summary>
    /// <exception cref="ArgumentException">The token grants <see cref="VideoGrants.RoomJoin"/> but has no identity.</exception>
    public string ToJwt() => ToJwt(TimeProvider.System);

    /// <summary>Signs the token, valid from <paramref name="timeProvider"/>'s now for <see cref="Ttl"/>.</summary>
    /// <exception cref="ArgumentException">The token grants <see cref="VideoGrants.RoomJoin"/> but has no identity.</exception>
    public string ToJwt(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (Video is { RoomJoin: true } && string.IsNullOrEmpty(Identity))
        {
            // The server answers 400 "identity cannot be empty" to such a token (pkg/service/utils.go).
            throw new ArgumentException(
                "A token that grants roomJoin needs an identity: set Identity (or call WithIdentity) before ToJwt.",
                nameof(Identity));
        }

        // NumericDate is whole seconds (RFC 7519 §2); truncate once so that exp - nbf is exactly the lifetime.
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var claims = new ClaimGrants
        {
            Issuer = _apiKey,
            Identity = Identity ?? "",
            NotBefore = now,
            IssuedAt = now,
            ExpiresAt = now + _ttl,
            Name = Name,
            Kind = Kind,
            Video = Video,
            Sha256 = Sha256,
            Metadata = Metadata,
            Attributes = Attributes,
        };
        return Hs256Jwt.Encode(claims, _apiSecret);
    }
}
