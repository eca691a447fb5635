using System;
using System.Collections.Generic;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// The Room options and connect options a page connects with. Defaults: adaptiveStream and dynacast off (the
/// client then asks the server for nothing on its own), autoSubscribe on, and livekit-client's own defaults for the rest.
/// </summary>
public sealed record ClientConnectOptions
{
    /// <summary>RoomConnectOptions.autoSubscribe: subscribe to every track as it is published. True by default.</summary>
    public bool AutoSubscribe { get; init; } = true;

    /// <summary>RoomOptions.adaptiveStream. False by default.</summary>
    public bool AdaptiveStream { get; init; }

    /// <summary>RoomOptions.dynacast. False by default.</summary>
    public bool Dynacast { get; init; }

    /// <summary>
    /// RoomOptions.singlePeerConnection. Null keeps livekit-client 2.23.0's default, true: join on <c>/rtc/v1</c> with
    /// one peer connection, and fall back to <c>/rtc</c> (two peer connections, publisher and subscriber) when the
    /// server's <c>/rtc/v1/validate</c> answers 404. False joins on <c>/rtc</c> directly.
    /// </summary>
    public bool? SinglePeerConnection { get; init; }

    /// <summary>RoomConnectOptions.maxRetries: join attempts while the server is unreachable; null for the client's 1.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>RoomConnectOptions.peerConnectionTimeout; null for the client's 15 s.</summary>
    public TimeSpan? PeerConnectionTimeout { get; init; }

    /// <summary>RoomConnectOptions.websocketTimeout; null for the client's 15 s.</summary>
    public TimeSpan? WebsocketTimeout { get; init; }

    /// <summary>The object lk-page.js's connect() takes.</summary>
    internal Dictionary<string, object> ToPageOptions()
    {
        var options = new Dictionary<string, object>
        {
            ["autoSubscribe"] = AutoSubscribe,
            ["adaptiveStream"] = AdaptiveStream,
            ["dynacast"] = Dynacast,
        };
        if (SinglePeerConnection is bool single)
        {
            options["singlePeerConnection"] = single;
        }

        if (MaxRetries is int retries)
        {
            options["maxRetries"] = retries;
        }

        if (PeerConnectionTimeout is TimeSpan peerConnection)
        {
            options["peerConnectionTimeout"] = (int)peerConnection.TotalMilliseconds;
        }

        if (WebsocketTimeout is TimeSpan websocket)
        {
            options["websocketTimeout"] = (int)websocket.TotalMilliseconds;
        }

        return options;
    }
}
