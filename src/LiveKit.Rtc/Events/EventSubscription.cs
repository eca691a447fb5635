using System;

namespace LiveKit.Rtc.Events;

/// <summary>
/// One registration made by <c>On</c> or <c>Once</c>. <see cref="Dispose"/> removes exactly that registration,
/// however many times the same delegate was registered; disposing twice does nothing.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly EventHandlerList _list;
    private readonly EventHandlerRegistration _registration;

    internal EventSubscription(EventHandlerList list, EventHandlerRegistration registration)
    {
        _list = list;
        _registration = registration;
    }

    /// <summary>The Python SDK's name of the event this subscription listens to, e.g. <c>track_subscribed</c>.</summary>
    public string EventName => _list.EventName;

    /// <summary>True until the registration is removed (by <see cref="Dispose"/> or <c>Off</c>) or, for <c>Once</c>, has run.</summary>
    public bool IsActive => _list.Contains(_registration) && !_registration.IsConsumed;

    /// <summary>Removes the registration. Handlers removed during an emit still run in that emit (contract point 7).</summary>
    public void Dispose() => _list.Remove(_registration);
}
