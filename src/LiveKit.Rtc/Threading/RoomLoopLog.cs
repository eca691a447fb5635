using System;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Threading;

/// <summary>Log messages of the room loop.</summary>
internal static partial class RoomLoopLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error,
        Message = "Room loop work item {WorkItem} threw; the loop goes on with the next item")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception, string workItem);
}
