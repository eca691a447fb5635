namespace LiveKit.Rtc;

/// <summary>
/// Why a room or a participant was disconnected. The values and their numbers are those of LiveKit's
/// <c>DisconnectReason</c> (livekit_models.proto), so a reason read from the wire converts by a cast.
/// </summary>
public enum DisconnectReason
{
    /// <summary>The reason is not known.</summary>
    UnknownReason = 0,

    /// <summary>The client initiated the disconnect.</summary>
    ClientInitiated = 1,

    /// <summary>Another participant with the same identity joined the room.</summary>
    DuplicateIdentity = 2,

    /// <summary>The server instance is shutting down.</summary>
    ServerShutdown = 3,

    /// <summary>The participant was removed by the server API (RoomService.RemoveParticipant).</summary>
    ParticipantRemoved = 4,

    /// <summary>The room was deleted by the server API (RoomService.DeleteRoom).</summary>
    RoomDeleted = 5,

    /// <summary>The client attempted to resume a session the server no longer has.</summary>
    StateMismatch = 6,

    /// <summary>The client could not join the room: the connection could not be established.</summary>
    JoinFailure = 7,

    /// <summary>LiveKit Cloud migrated the participant to another server node.</summary>
    Migration = 8,

    /// <summary>The signal connection was closed unexpectedly.</summary>
    SignalClose = 9,

    /// <summary>The room was closed because all standard participants left.</summary>
    RoomClosed = 10,

    /// <summary>A SIP callee did not respond in time.</summary>
    UserUnavailable = 11,

    /// <summary>A SIP callee rejected the call (busy).</summary>
    UserRejected = 12,

    /// <summary>A SIP protocol failure or an unexpected response from the SIP trunk.</summary>
    SipTrunkFailure = 13,

    /// <summary>The server timed out a participant's session.</summary>
    ConnectionTimeout = 14,

    /// <summary>The media connection failed.</summary>
    MediaFailure = 15,

    /// <summary>An agent encountered an error.</summary>
    AgentError = 16,
}
