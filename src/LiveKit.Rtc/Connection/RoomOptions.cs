using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveKit.Rtc;

/// <summary>How <see cref="Room.ConnectAsync(string, string, RoomOptions?, System.Threading.CancellationToken)"/> joins a room.</summary>
public sealed record RoomOptions
{
    /// <summary>
    /// Subscribe to every track the other participants publish, as soon as it is published (the default). When false,
    /// subscribe by hand with <see cref="RemoteTrackPublication.SetSubscribed(bool)"/>. Sent to the server as
    /// <c>auto_subscribe</c>.
    /// </summary>
    public bool AutoSubscribe { get; init; } = true;

    /// <summary>
    /// Pause the simulcast layers of published video that no subscriber wants, as the server asks through
    /// <c>subscribed_quality_update</c>. Protocol 17 has no join flag for it: the publisher acts on the server's
    /// updates, so this matters once video is published.
    /// </summary>
    public bool Dynacast { get; init; }

    /// <summary>Let the server adapt subscribed video to the size it is shown at. Sent to the server as <c>adaptive_stream=1</c>.</summary>
    public bool AdaptiveStream { get; init; }

    /// <summary>ICE servers and transport policy; null takes the ICE servers the server sends in its join response.</summary>
    public RtcConfiguration? RtcConfiguration { get; init; }

    /// <summary>
    /// How long one join attempt may take, from opening the signal connection until the primary PeerConnection is
    /// connected. The official SDKs allow 15 s for the WebSocket and 15 s for the PeerConnection.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many more times a join is attempted after a failure that may pass (a timeout, an unreachable server, a
    /// media failure). Failures that cannot pass (bad token, no permission, missing room) are never retried.
    /// </summary>
    public int JoinRetries { get; init; } = 1;

    /// <summary>How long to wait before each join retry.</summary>
    public TimeSpan JoinRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The waits before each attempt to rejoin after the connection was lost (a full reconnect, brief §5.3): the JS
    /// SDK's schedule by default (0, 0.3, 1.2, 2.7, 4.8 s, then 7 s five times). Empty: never rejoin, disconnect at once.
    /// A refusal that cannot pass (bad token, no permission, room gone) stops the attempts.
    /// </summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; init; } = DefaultReconnectDelays;

    private static readonly TimeSpan[] DefaultReconnectDelays =
    [
        TimeSpan.Zero, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1200), TimeSpan.FromMilliseconds(2700),
        TimeSpan.FromMilliseconds(4800), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7),
        TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7),
    ];

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> with what to change.</summary>
    internal void Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RoomOptions.ConnectTimeout must be positive; it is {ConnectTimeout}.", "options");
        }

        if (JoinRetries < 0)
        {
            throw new ArgumentException($"RoomOptions.JoinRetries must be 0 or more; it is {JoinRetries}.", "options");
        }

        if (JoinRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"RoomOptions.JoinRetryDelay must not be negative; it is {JoinRetryDelay}.", "options");
        }

        if (ReconnectDelays is null || ReconnectDelays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("RoomOptions.ReconnectDelays must be a list of waits that are not negative (empty to never rejoin).", "options");
        }

        RtcConfiguration?.Validate();
    }
}
