using System.Net;

namespace LiveKit.Api;

/// <summary>
/// The error codes of the Twirp protocol (twitchtv/twirp <c>docs/spec_v7.md</c>, "Error codes") and the HTTP status
/// each travels with. LiveKit's RoomService answers errors as <c>{"code": "...", "msg": "..."}</c> with that status.
/// </summary>
public static class TwirpErrorCodes
{
    /// <summary>The operation was cancelled (HTTP 408).</summary>
    public const string Canceled = "canceled";

    /// <summary>An unknown error (HTTP 500).</summary>
    public const string Unknown = "unknown";

    /// <summary>The client gave an invalid argument (HTTP 400).</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>The client's message could not be decoded (HTTP 400).</summary>
    public const string Malformed = "malformed";

    /// <summary>The deadline passed before the operation completed (HTTP 408).</summary>
    public const string DeadlineExceeded = "deadline_exceeded";

    /// <summary>An entity was not found (HTTP 404).</summary>
    public const string NotFound = "not_found";

    /// <summary>No such method, or the wrong HTTP method or content type (HTTP 404).</summary>
    public const string BadRoute = "bad_route";

    /// <summary>The entity to create already exists (HTTP 409).</summary>
    public const string AlreadyExists = "already_exists";

    /// <summary>The caller may not do this (HTTP 403).</summary>
    public const string PermissionDenied = "permission_denied";

    /// <summary>The caller is not authenticated; LiveKit answers this to a missing or insufficient grant (HTTP 401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>A resource is exhausted (HTTP 429).</summary>
    public const string ResourceExhausted = "resource_exhausted";

    /// <summary>The system is not in the state the operation needs (HTTP 412).</summary>
    public const string FailedPrecondition = "failed_precondition";

    /// <summary>The operation was aborted (HTTP 409).</summary>
    public const string Aborted = "aborted";

    /// <summary>The operation went past a valid range (HTTP 400).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>The operation is not implemented (HTTP 501).</summary>
    public const string Unimplemented = "unimplemented";

    /// <summary>An internal error (HTTP 500).</summary>
    public const string Internal = "internal";

    /// <summary>The service is unavailable (HTTP 503).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Unrecoverable data loss (HTTP 500). Spelled without an underscore by the spec.</summary>
    public const string DataLoss = "dataloss";

    /// <summary>The HTTP status a Twirp server answers with <paramref name="code"/>; 500 for a code the spec does not know.</summary>
    public static HttpStatusCode ToHttpStatus(string code) => code switch
    {
        Canceled => HttpStatusCode.RequestTimeout,
        Unknown => HttpStatusCode.InternalServerError,
        InvalidArgument => HttpStatusCode.BadRequest,
        Malformed => HttpStatusCode.BadRequest,
        DeadlineExceeded => HttpStatusCode.RequestTimeout,
        NotFound => HttpStatusCode.NotFound,
        BadRoute => HttpStatusCode.NotFound,
        AlreadyExists => HttpStatusCode.Conflict,
        PermissionDenied => HttpStatusCode.Forbidden,
        Unauthenticated => HttpStatusCode.Unauthorized,
        ResourceExhausted => HttpStatusCode.TooManyRequests,
        FailedPrecondition => HttpStatusCode.PreconditionFailed,
        Aborted => HttpStatusCode.Conflict,
        OutOfRange => HttpStatusCode.BadRequest,
        Unimplemented => HttpStatusCode.NotImplemented,
        Internal => HttpStatusCode.InternalServerError,
        Unavailable => HttpStatusCode.ServiceUnavailable,
        DataLoss => HttpStatusCode.InternalServerError,
        _ => HttpStatusCode.InternalServerError,
    };

    /// <summary>
    /// The code a Twirp client gives a non-Twirp error answer (from a proxy, say) by its HTTP status
    /// (spec_v7.md, "Network errors from intermediaries"): 3xx and 400 internal, 401 unauthenticated,
    /// 403 permission_denied, 404 bad_route, 429/502/503/504 unavailable, anything else unknown.
    /// </summary>
    public static string FromIntermediaryStatus(HttpStatusCode status)
    {
        int value = (int)status;
        if (value is >= 300 and < 400)
        {
            return Internal;
        }

        return value switch
        {
            400 => Internal,
            401 => Unauthenticated,
            403 => PermissionDenied,
            404 => BadRoute,
            429 or 502 or 503 or 504 => Unavailable,
            _ => Unknown,
        };
    }
}
