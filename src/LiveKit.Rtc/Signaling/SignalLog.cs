using System;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Signaling;

/// <summary>Log messages of the signal client. URLs are logged without their query, which carries the access token.</summary>
internal static partial class SignalLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Opening the signal connection to {Endpoint}")]
    public static partial void Connecting(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug,
        Message = "Signal connected to {Endpoint}: room {Room} as {Identity}, ping every {PingInterval} s, timeout {PingTimeout} s")]
    public static partial void Joined(ILogger logger, string endpoint, string room, string identity, int pingInterval, int pingTimeout);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug,
        Message = "The WebSocket upgrade to {Endpoint} was refused (HTTP {UpgradeStatus}); /rtc/validate answered {ValidateStatus}: {Text}")]
    public static partial void UpgradeRefused(ILogger logger, string endpoint, HttpStatusCode? upgradeStatus, HttpStatusCode? validateStatus, string? text);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning,
        Message = "Signal frame from {Endpoint} dropped: {Why} ({Dropped} dropped on this connection)")]
    public static partial void FrameDropped(ILogger logger, string endpoint, string why, long dropped);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "No signal message from {Endpoint} for {Timeout}: closing the connection")]
    public static partial void PingTimedOut(ILogger logger, string endpoint, TimeSpan timeout);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information,
        Message = "Signal connection to {Endpoint} ended: {Reason} (close status {CloseStatus}, \"{CloseDescription}\")")]
    public static partial void Ended(ILogger logger, Exception? exception, string endpoint, SignalCloseReason reason, WebSocketCloseStatus? closeStatus, string? closeDescription);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "The signal listener threw on {Message}; the read loop goes on")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Sending to {Endpoint} failed: the signal connection is lost")]
    public static partial void SendFailed(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(EventId = 308, Level = LogLevel.Debug, Message = "The close handshake with {Endpoint} did not complete: {Why}")]
    public static partial void CloseHandshakeIncomplete(ILogger logger, string endpoint, string why);

    [LoggerMessage(EventId = 309, Level = LogLevel.Debug, Message = "Signal connection to {Endpoint} closed by this client")]
    public static partial void Closed(ILogger logger, string endpoint);
}
