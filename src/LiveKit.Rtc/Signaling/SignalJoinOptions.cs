using System;

namespace LiveKit.Rtc.Signaling;

/// <summary>How <see cref="SignalClient.ConnectAsync"/> joins: the join query's flags and the time it may take.</summary>
internal sealed record SignalJoinOptions
{
    /// <summary>Sent as <c>auto_subscribe=1|0</c>: whether the server subscribes this participant to every track.</summary>
    public bool AutoSubscribe { get; init; } = true;

    /// <summary>Sent as <c>adaptive_stream=1</c> when true (and not sent at all when false, as the other SDKs do).</summary>
    public bool AdaptiveStream { get; init; }

    /// <summary>
    /// One budget for the WebSocket upgrade and the first message (and the validate request when the upgrade is
    /// refused). The JS SDK allows 15 s for the upgrade and 5 s more for the first message (brief §1.2).
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The clock of the connect timeout, the ping interval and the ping timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
