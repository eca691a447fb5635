namespace LiveKit.Rtc;

/// <summary>
/// Whether the server forwards a subscribed track's media. Named and numbered as the Python SDK's
/// <c>StreamState</c>; the wire's <c>StreamState</c> numbers differ (ACTIVE 0, PAUSED 1) and are mapped on receipt.
/// </summary>
public enum StreamState
{
    /// <summary>Not known yet.</summary>
    Unknown = 0,

    /// <summary>Media flows.</summary>
    Active = 1,

    /// <summary>The server stopped forwarding the media, usually because of congestion.</summary>
    Paused = 2,
}
