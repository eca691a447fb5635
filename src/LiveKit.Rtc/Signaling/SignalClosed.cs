using System;
using System.Net.WebSockets;

namespace LiveKit.Rtc.Signaling;

/// <summary>How a signal connection ended, reported once through <see cref="ISignalListener.OnSignalClosed"/>.</summary>
/// <param name="Reason">What ended it.</param>
/// <param name="CloseStatus">The status of the server's close frame; null when there was none.</param>
/// <param name="CloseDescription">The text of the server's close frame; null when there was none.</param>
/// <param name="Exception">The failure that ended it (a socket error); null for a close frame or a ping timeout.</param>
internal sealed record SignalClosed(
    SignalCloseReason Reason,
    WebSocketCloseStatus? CloseStatus = null,
    string? CloseDescription = null,
    Exception? Exception = null)
{
    /// <summary>
    /// True when the connection ended in a way that counts as a signal failure (brief §5.1: a close other than 1000,
    /// an error, a ping timeout), false for a normal close by the server.
    /// </summary>
    public bool IsFailure => Reason != SignalCloseReason.ServerClosed || CloseStatus != WebSocketCloseStatus.NormalClosure;
}
