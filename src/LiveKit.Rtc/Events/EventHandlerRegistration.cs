using System;
using System.ComponentModel;
using System.Threading;

namespace LiveKit.Rtc.Events;

/// <summary>
/// A handler as stored by an <see cref="EventHandlerList"/>. Public only so that generated emit code, which lives in
/// the assembly that declares the emitter, can invoke it without a cast check; not part of the user-facing API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EventHandlerRegistration
{
    private const int Pending = 0;
    private const int Consumed = 1;

    private int _onceState;

    internal EventHandlerRegistration(Delegate handler, EventHandlerForm form, bool once)
    {
        Handler = handler;
        Form = form;
        IsOnce = once;
    }

    /// <summary>The delegate exactly as the user passed it (what <c>Off</c> compares against).</summary>
    public Delegate Handler { get; }

    /// <summary>Which shape <see cref="Handler"/> has; the generated emitter casts by it.</summary>
    public EventHandlerForm Form { get; }

    /// <summary>True for a <c>Once</c> registration.</summary>
    public bool IsOnce { get; }

    internal bool IsConsumed => Volatile.Read(ref _onceState) == Consumed;

    /// <summary>
    /// Called by an emit right before invoking <see cref="Handler"/>. An <c>On</c> handler always runs; a <c>Once</c>
    /// handler runs for the single caller that claims it, so two racing emits cannot both run it (contract point 3).
    /// </summary>
    /// <returns>True when the handler is to be invoked now.</returns>
    public bool TryBeginInvoke() => !IsOnce || Interlocked.CompareExchange(ref _onceState, Consumed, Pending) == Pending;
}
