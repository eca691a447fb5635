using System;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Events;

/// <summary>Log messages of the event runtime.</summary>
internal static partial class EventLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error,
        Message = "Handler {Handler} for event '{EventName}' threw; the other handlers still run and the room goes on")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string eventName, string handler);
}
