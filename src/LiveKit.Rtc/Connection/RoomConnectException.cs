using System;
using System.Net;

namespace LiveKit.Rtc;

/// <summary>
/// Joining a room failed. <see cref="Failure"/> says why, in terms that let a program decide what to do (fix the token,
/// ask for another grant, retry later); the message carries the server's own words when it gave any.
/// </summary>
public sealed class RoomConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why the join failed.</param>
    /// <param name="message">What happened, with the server's answer when there is one.</param>
    /// <param name="innerException">The lower-level failure (a WebSocket or socket error, a DTLS failure), if any.</param>
    public RoomConnectException(RoomConnectFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why the join failed.</summary>
    public RoomConnectFailure Failure { get; }

    /// <summary>The HTTP status the server answered the join (or its <c>/rtc/validate</c> check) with, when it answered one.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The text the server gave with its refusal (the validate body, or the leave's reason); null when none.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The reason of the server's <c>leave</c> when it refused the join that way (<see cref="RoomConnectFailure.Refused"/>).</summary>
    public DisconnectReason? DisconnectReason { get; init; }

    /// <summary>True for failures that may pass (timeouts, an unreachable server, media); false for refusals that will not.</summary>
    public bool IsRetryable => Failure is RoomConnectFailure.ServerUnreachable or RoomConnectFailure.ServerError
        or RoomConnectFailure.Timeout or RoomConnectFailure.MediaFailure;
}
