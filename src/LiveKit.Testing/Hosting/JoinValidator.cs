using System;
using LiveKit.Api;
using LiveKit.Testing.Rooms;
using LiveKit.Testing.Signal;
using Microsoft.AspNetCore.Http;

namespace LiveKit.Testing.Hosting;

/// <summary>
/// Checks a join as the real server does before it upgrades <c>/rtc</c> (and answers <c>/rtc/validate</c>):
/// a token, a valid HS256 signature from a known key, exp/nbf within 60 s leeway, a video grant with roomJoin and a
/// room, an identity, and a room that exists or may be created. Statuses and texts: src/LiveKit.Api/README.md.
/// </summary>
internal sealed class JoinValidator
{
    private readonly ServerContext _context;
    private readonly RoomRegistry _rooms;

    public JoinValidator(ServerContext context, RoomRegistry rooms)
    {
        _context = context;
        _rooms = rooms;
    }

    /// <summary>Null when the join may go ahead; <paramref name="claims"/> then holds the token's claims.</summary>
    public JoinRefusal? Validate(JoinParameters join, out ClaimGrants? claims)
    {
        claims = null;
        if (CheckToken(_context, join, out claims) is JoinRefusal refused)
        {
            return refused;
        }

        // ValidateConnectRequest's order (src/LiveKit.Api/README.md, "Join checks").
        VideoGrants? video = claims?.Video;
        if (video is null)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, "no permissions to access the room");
        }

        if (!video.RoomJoin)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, "permissions denied");
        }

        if (string.IsNullOrEmpty(claims!.Identity))
        {
            return new JoinRefusal(StatusCodes.Status400BadRequest, "identity cannot be empty");
        }

        if (string.IsNullOrEmpty(video.Room))
        {
            return new JoinRefusal(StatusCodes.Status400BadRequest, "no room name");
        }

        if (!_context.Options.AutoCreateRooms && _rooms.Find(video.Room) is null)
        {
            return new JoinRefusal(StatusCodes.Status404NotFound, "requested room does not exist");
        }

        return null;
    }

    /// <summary>
    /// The auth middleware (every route, the server API included): a bad Authorization header or a token that does not
    /// verify is refused; no token at all passes with no claims.
    /// </summary>
    public static JoinRefusal? CheckToken(ServerContext context, JoinParameters join, out ClaimGrants? claims)
    {
        claims = null;
        if (join.AuthorizationHeaderInvalid)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, "invalid authorization header. Must start with Bearer ");
        }

        if (join.AccessToken is null)
        {
            return null;
        }

        TokenVerificationResult result = context.Tokens.Verifier.Verify(join.AccessToken, context.Time.GetUtcNow());
        if (!result.IsValid)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, TokenRefusal(join.AccessToken, result));
        }

        claims = result.Claims;
        return null;
    }

    /// <summary>The auth middleware's texts (src/LiveKit.Api/README.md, "Token checks"), go-jose's words included.</summary>
    private static string TokenRefusal(string jwt, TokenVerificationResult result) => result.Error switch
    {
        TokenError.Malformed when result.ApiKey is null => "invalid authorization token",
        TokenError.UnknownApiKey => result.Message,
        TokenError.BadSignature => $"invalid token: {jwt}, error: go-jose/go-jose: error in cryptographic primitive",
        TokenError.UnsupportedAlgorithm => $"invalid token: {jwt}, error: go-jose/go-jose: unknown/unsupported algorithm",
        TokenError.Expired => $"invalid token: {jwt}, error: go-jose/go-jose/jwt: validation failed, token is expired (exp)",
        TokenError.NotYetValid when result.Message.Contains("iat", StringComparison.Ordinal) =>
            $"invalid token: {jwt}, error: go-jose/go-jose/jwt: validation field, token issued in the future (iat)",
        TokenError.NotYetValid => $"invalid token: {jwt}, error: go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)",
        _ => $"invalid token: {jwt}, error: {result.Message}",
    };
}
