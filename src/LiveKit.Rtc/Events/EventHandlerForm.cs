using System.ComponentModel;

namespace LiveKit.Rtc.Events;

/// <summary>Which of an event's two handler shapes a registration holds.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum EventHandlerForm : byte
{
    /// <summary>One parameter: the event's args record (<c>e =&gt; e.Participant</c>).</summary>
    Args = 0,

    /// <summary>The event's arguments as parameters, in the Python SDK's order.</summary>
    Positional = 1,
}
