namespace LiveKit.Rtc;

/// <summary>The state of a room's connection to the LiveKit server, as <see cref="Room.ConnectionState"/> reports it.</summary>
public enum ConnectionState
{
    /// <summary>Not connected: before connecting, or after the room was disconnected.</summary>
    Disconnected = 0,

    /// <summary>Connecting for the first time.</summary>
    Connecting = 1,

    /// <summary>Connected: signal and media are up.</summary>
    Connected = 2,

    /// <summary>The connection was lost and the room is trying to resume or rebuild it.</summary>
    Reconnecting = 3,
}
