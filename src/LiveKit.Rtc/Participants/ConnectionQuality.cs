namespace LiveKit.Rtc;

/// <summary>
/// How well a participant's connection carries its media, as the server measures it. The numbers are those of
/// LiveKit's <c>ConnectionQuality</c> (livekit_models.proto).
/// </summary>
public enum ConnectionQuality
{
    /// <summary>Poor: media is degraded.</summary>
    Poor = 0,

    /// <summary>Good.</summary>
    Good = 1,

    /// <summary>Excellent.</summary>
    Excellent = 2,

    /// <summary>The participant's media has stopped arriving.</summary>
    Lost = 3,
}
