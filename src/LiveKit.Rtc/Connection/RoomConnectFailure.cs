namespace LiveKit.Rtc;

/// <summary>Why <see cref="Room.ConnectAsync(string, string, RoomOptions?, System.Threading.CancellationToken)"/> failed, as <see cref="RoomConnectException.Failure"/> reports it.</summary>
public enum RoomConnectFailure
{
    /// <summary>The token was refused: malformed, expired, not yet valid, signed with another secret, or of an unknown API key (HTTP 401). Not retried.</summary>
    InvalidToken = 0,

    /// <summary>The token is valid but does not allow this (no <c>roomJoin</c>, another room, a missing grant; HTTP 403). Not retried.</summary>
    NotAllowed = 1,

    /// <summary>The room does not exist and the server does not create rooms on join for this token (HTTP 404). Not retried.</summary>
    RoomNotFound = 2,

    /// <summary>The server refused the join with a <c>leave</c> message instead of a join response (room full, duplicate identity...).</summary>
    Refused = 3,

    /// <summary>No server answered at the URL: the connection was refused, the name did not resolve, or it is not a LiveKit server.</summary>
    ServerUnreachable = 4,

    /// <summary>The server failed while handling the join (HTTP 5xx or an unexpected answer).</summary>
    ServerError = 5,

    /// <summary>The join did not complete within <see cref="RoomOptions.ConnectTimeout"/>.</summary>
    Timeout = 6,

    /// <summary>The signal connection was up but the media connection (ICE, DTLS) could not be established.</summary>
    MediaFailure = 7,

    /// <summary>The join needs something this SDK does not implement (e.g. relay-only ICE, which needs a TURN client).</summary>
    NotSupported = 8,
}
