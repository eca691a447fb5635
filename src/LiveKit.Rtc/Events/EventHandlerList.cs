using System;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Events;

/// <summary>
/// The handlers of one event of one emitter, in registration order. Generated code owns one per event.
/// </summary>
/// <remarks>
/// Copy-on-write: <c>On</c>/<c>Once</c>/<c>Off</c> build a new array under a lock and publish it; an emit reads the
/// current array once and walks it. So an emit takes no lock and allocates nothing, and handlers added or removed
/// during an emit take effect from the next emit (contract point 7). <c>Once</c> registrations that have run are
/// skipped by later emits and dropped from the array by the next change.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EventHandlerList
{
    private readonly object _gate = new();
    private readonly Type _argsHandlerType;
    private readonly Type _positionalHandlerType;
    private EventHandlerRegistration[] _registrations = [];

    /// <summary>Creates an empty list.</summary>
    /// <param name="eventName">The Python SDK's name of the event, used in errors and logs.</param>
    /// <param name="argsHandlerType">The delegate type of the record form, e.g. <c>Action&lt;TrackSubscribedEventArgs&gt;</c>.</param>
    /// <param name="positionalHandlerType">The delegate type of the positional form, e.g. <c>Action&lt;Track, ...&gt;</c>.</param>
    public EventHandlerList(string eventName, Type argsHandlerType, Type positionalHandlerType)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(argsHandlerType);
        ArgumentNullException.ThrowIfNull(positionalHandlerType);
        EventName = eventName;
        _argsHandlerType = argsHandlerType;
        _positionalHandlerType = positionalHandlerType;
    }

    /// <summary>The Python SDK's name of the event, e.g. <c>track_subscribed</c>.</summary>
    public string EventName { get; }

    /// <summary>How many registrations are live (not removed, and for <c>Once</c>, not yet run).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var registration in Volatile.Read(ref _registrations))
            {
                if (!registration.IsConsumed)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>The registrations an emit starting now must walk, in registration order.</summary>
    public ReadOnlySpan<EventHandlerRegistration> Snapshot => Volatile.Read(ref _registrations);

    /// <summary>Registers <paramref name="handler"/>; what the generated <c>On</c> and <c>Once</c> call.</summary>
    /// <param name="handler">A synchronous handler of one of the event's two shapes.</param>
    /// <param name="form">Which shape <paramref name="handler"/> has.</param>
    /// <param name="once">True to run it at most once.</param>
    /// <returns>The subscription whose <see cref="EventSubscription.Dispose"/> removes this registration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="handler"/> is an async method or lambda (contract point 5), or is not of <paramref name="form"/>'s delegate type.
    /// </exception>
    public EventSubscription Add(Delegate handler, EventHandlerForm form, bool once)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfAsync(handler);

        // Emit casts Handler by Form without a check (Unsafe.As), so the pair must be right. Delegate types are
        // sealed: an exact type comparison is the whole check.
        var expected = form == EventHandlerForm.Args ? _argsHandlerType : _positionalHandlerType;
        if (handler.GetType() != expected)
        {
            throw new ArgumentException(
                $"A {form} handler for event '{EventName}' must be a {expected}, not a {handler.GetType()}.", nameof(handler));
        }

        var registration = new EventHandlerRegistration(handler, form, once);
        lock (_gate)
        {
            var live = CopyLive(extra: 1);
            live[^1] = registration;
            Volatile.Write(ref _registrations, live);
        }

        return new EventSubscription(this, registration);
    }

    /// <summary>
    /// Removes the most recent live registration whose handler equals <paramref name="handler"/>, <c>On</c> or pending
    /// <c>Once</c> alike; what the generated <c>Off</c> calls.
    /// </summary>
    /// <param name="handler">The delegate that was registered (compared with <see cref="Delegate.Equals(object)"/>); null removes nothing.</param>
    /// <returns>True when a registration was removed; false when none matched.</returns>
    public bool Remove(Delegate? handler)
    {
        if (handler is null)
        {
            return false;
        }

        lock (_gate)
        {
            var current = _registrations;
            for (var i = current.Length - 1; i >= 0; i--)
            {
                if (!current[i].IsConsumed && current[i].Handler.Equals(handler))
                {
                    return RemoveLocked(current[i]);
                }
            }

            return false;
        }
    }

    internal bool Remove(EventHandlerRegistration registration)
    {
        lock (_gate)
        {
            return RemoveLocked(registration);
        }
    }

    internal bool Contains(EventHandlerRegistration registration) =>
        Array.IndexOf(Volatile.Read(ref _registrations), registration) >= 0;

    /// <summary>
    /// Logs a handler's exception and lets the emit go on with the next handler (contract point 6). Called by
    /// generated emit code from its <c>catch</c>.
    /// </summary>
    /// <param name="logger">The emitter's logger.</param>
    /// <param name="registration">The registration whose handler threw.</param>
    /// <param name="exception">What it threw.</param>
    public void ReportHandlerFailure(ILogger logger, EventHandlerRegistration registration, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(registration);
        try
        {
            EventLog.HandlerFailed(logger, exception, EventName, DescribeHandler(registration.Handler));
        }
        catch (Exception)
        {
            // A logger that throws must not cost the remaining handlers of this emit their turn.
        }
    }

    /// <summary>
    /// A readable name for a handler, as logs show it: <c>Type.Method</c>, and for a lambda or local function the name
    /// of the method it is written in rather than the compiler's (<c>&lt;Main&gt;b__0_0</c>).
    /// </summary>
    /// <param name="handler">The handler.</param>
    /// <returns>For example <c>MyBot.OnTrackSubscribed</c>, <c>MyBot.Start (lambda)</c> or <c>MyBot.Start (local function Log)</c>.</returns>
    public static string DescribeHandler(Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = handler.Method;
        var type = method.DeclaringType;

        // A closure class (<>c, <>c__DisplayClass0_0) is nested in the type the user wrote.
        while (type is { DeclaringType: { } outer } && type.Name.StartsWith('<'))
        {
            type = outer;
        }

        var name = CompilerGeneratedName.Describe(method.Name);
        return type is null ? name : $"{type.FullName}.{name}";
    }

    private bool RemoveLocked(EventHandlerRegistration registration)
    {
        if (registration.IsConsumed || Array.IndexOf(_registrations, registration) < 0)
        {
            return false;
        }

        Volatile.Write(ref _registrations, CopyLive(extra: 0, except: registration));
        return true;
    }

    // Live registrations in order, less `except`, with room for `extra` more at the end. Caller holds _gate.
    private EventHandlerRegistration[] CopyLive(int extra, EventHandlerRegistration? except = null)
    {
        var current = _registrations;
        var live = 0;
        foreach (var r in current)
        {
            if (!r.IsConsumed && !ReferenceEquals(r, except))
            {
                live++;
            }
        }

        var copy = new EventHandlerRegistration[live + extra];
        var n = 0;
        foreach (var r in current)
        {
            if (!r.IsConsumed && !ReferenceEquals(r, except))
            {
                copy[n++] = r;
            }
        }

        return copy;
    }

    private void ThrowIfAsync(Delegate handler)
    {
        foreach (var single in handler.GetInvocationList())
        {
            if (single.Method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
            {
                throw new ArgumentException(
                    $"The handler '{DescribeHandler(single)}' for event '{EventName}' is async. Event handlers run "
                    + "synchronously on the room loop and an async void handler's exceptions would be lost: pass a "
                    + "synchronous handler that starts the asynchronous work as a task and observes its exceptions "
                    + "(code fix LK1001 does this).",
                    nameof(handler));
            }
        }
    }
}
