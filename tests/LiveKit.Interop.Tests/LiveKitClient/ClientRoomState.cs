namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>A page's Room as livekit-client sees it.</summary>
public sealed record ClientRoomState
{
    /// <summary><c>room.name</c>, from the join response.</summary>
    public string Name { get; init; } = "";

    /// <summary>The server's room sid (<c>RM_...</c>), or empty until the server has sent one.</summary>
    public string Sid { get; init; } = "";

    /// <summary><c>room.metadata</c>, empty when none.</summary>
    public string Metadata { get; init; } = "";

    /// <summary><c>room.state</c>: <c>disconnected</c>, <c>connecting</c>, <c>connected</c>, <c>reconnecting</c>, <c>signalReconnecting</c>.</summary>
    public string ConnectionState { get; init; } = "";

    /// <summary><c>room.numParticipants</c>, as the server last reported it.</summary>
    public int NumParticipants { get; init; }

    /// <summary>The version the server gave in its join response, empty when none.</summary>
    public string ServerVersion { get; init; } = "";

    /// <summary>
    /// The signal path of the last join: <c>/rtc/v1</c> (single peer connection) or <c>/rtc</c> (dual peer connection,
    /// also what a single peer connection attempt falls back to), or null when the client's internals did not say.
    /// </summary>
    public string? SignalPath { get; init; }

    /// <summary>
    /// The token the client holds now (the engine's, private in 2.23.0): the one given to connect, then the latest
    /// <c>refresh_token</c> from the server; null when the client's internals did not say.
    /// </summary>
    public string? Token { get; init; }
}
