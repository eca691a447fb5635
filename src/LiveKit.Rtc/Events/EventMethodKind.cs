namespace LiveKit.Rtc.Events;

/// <summary>What a generated event method does; carried by <see cref="EventMethodAttribute"/>.</summary>
public enum EventMethodKind
{
    /// <summary>Registers a handler that runs on every emit until removed.</summary>
    On = 0,

    /// <summary>Registers a handler that runs at most once.</summary>
    Once = 1,

    /// <summary>Removes a handler by delegate equality.</summary>
    Off = 2,
}
