using System;

namespace LiveKit.Testing.Api;

/// <summary>A Twirp error (twitchtv/twirp spec v7, "Error codes"): its code string, HTTP status and message.</summary>
internal sealed class TwirpError : Exception
{
    public TwirpError(string code, int status, string message)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    public string Code { get; }

    public int Status { get; }

    public static TwirpError NotFound(string message) => new("not_found", 404, message);

    /// <summary>A missing or insufficient grant: the real server answers unauthenticated (roomservice.go, twirpAuthError).</summary>
    public static TwirpError PermissionDenied() => new("unauthenticated", 401, "permissions denied");

    public static TwirpError Unauthenticated(string message) => new("unauthenticated", 401, message);

    public static TwirpError Malformed(string message) => new("malformed", 400, message);

    public static TwirpError InvalidArgument(string message) => new("invalid_argument", 400, message);

    public static TwirpError BadRoute(string message) => new("bad_route", 404, message);

    public static TwirpError FailedPrecondition(string message) => new("failed_precondition", 412, message);
}
