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
        if (join.AccessToken is null)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, "permissions denied");
        }

        TokenVerificationResult result = _context.Tokens.Verifier.Verify(join.AccessToken, _context.Time.GetUtcNow());
        if (result.Claims is null)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, "invalid token: " + result.Message);
        }

        claims = result.Claims;
        VideoGrants? video = claims.Video;
        if (video is null || video.RoomJoin != true)
        {
            return new JoinRefusal(StatusCodes.Status401Unauthorized, "permissions denied");
        }

        if (string.IsNullOrEmpty(claims.Identity))
        {
            return new JoinRefusal(StatusCodes.Status400BadRequest, "identity cannot be empty");
        }

        if (string.IsNullOrEmpty(video.Room))
        {
            return new JoinRefusal(StatusCodes.Status400BadRequest, "room name cannot be empty");
        }

        if (!_context.Options.AutoCreateRooms && _rooms.Find(video.Room) is null)
        {
            return new JoinRefusal(StatusCodes.Status404NotFound, "requested room does not exist");
        }

        return null;
    }
}
