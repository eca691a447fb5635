using System;
using System.Collections.Generic;
using LiveKit.Api;

namespace LiveKit.Testing.Rooms;

/// <summary>Mints the server's tokens: for tests (<see cref="LiveKitTestServer.CreateToken"/>), refreshes and moves.</summary>
internal sealed class TokenIssuer
{
    private readonly string _apiKey;
    private readonly string _apiSecret;

    public TokenIssuer(string apiKey, string apiSecret, TimeSpan lifetime)
    {
        _apiKey = apiKey;
        _apiSecret = apiSecret;
        Lifetime = lifetime;
        Verifier = new TokenVerifier(new Dictionary<string, string> { [apiKey] = apiSecret });
    }

    public TimeSpan Lifetime { get; }

    public TokenVerifier Verifier { get; }

    /// <summary>A token with the same claims as <paramref name="claims"/>, for <paramref name="room"/> when given, valid from now.</summary>
    public string Reissue(ClaimGrants claims, string? room = null)
    {
        VideoGrants video = claims.Video ?? new VideoGrants();
        if (room is not null)
        {
            video = video with { Room = room };
        }

        var token = new AccessToken(_apiKey, _apiSecret)
        {
            Identity = claims.Identity ?? "",
            Name = claims.Name,
            Metadata = claims.Metadata,
            Kind = claims.Kind,
            Ttl = Lifetime,
            Video = video,
            Attributes = claims.Attributes,
        };
        return token.ToJwt();
    }
}
