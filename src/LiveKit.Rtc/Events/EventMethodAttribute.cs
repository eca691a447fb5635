using System;

namespace LiveKit.Rtc.Events;

/// <summary>
/// Marks a generated <c>On</c>, <c>Once</c> or <c>Off</c> method. The LK1xxx analyzers find the event API by this
/// attribute, never by method names, so code that merely has methods called <c>On</c>/<c>Off</c> is left alone.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class EventMethodAttribute : Attribute
{
    /// <summary>Creates the marker.</summary>
    /// <param name="kind">What the marked method does.</param>
    public EventMethodAttribute(EventMethodKind kind) => Kind = kind;

    /// <summary>What the marked method does.</summary>
    public EventMethodKind Kind { get; }
}
