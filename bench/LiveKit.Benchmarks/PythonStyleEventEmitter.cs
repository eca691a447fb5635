using System;
using System.Collections.Generic;

namespace LiveKit.Benchmarks;

/// <summary>
/// A naive C# port of the LiveKit Python SDK's <c>EventEmitter</c>, the comparison point of the generated API: events
/// keyed by strings, handlers stored as <see cref="Delegate"/>, arguments passed as <c>params object[]</c> and
/// invoked with <see cref="Delegate.DynamicInvoke"/>, and the handler list copied before each emit (Python's
/// <c>self._events[event].copy()</c>) so that handlers may change it while it runs.
/// </summary>
/// <remarks>
/// The Python emitter also inspects each callback's signature on every emit to trim the arguments; this port leaves
/// that out, which only flatters it.
/// </remarks>
public sealed class PythonStyleEventEmitter
{
    private readonly Dictionary<string, List<Delegate>> _events = [];

    public void On(string eventName, Delegate callback)
    {
        if (!_events.TryGetValue(eventName, out var callbacks))
        {
            callbacks = [];
            _events[eventName] = callbacks;
        }

        callbacks.Add(callback);
    }

    public void Off(string eventName, Delegate callback)
    {
        if (_events.TryGetValue(eventName, out var callbacks))
        {
            callbacks.Remove(callback);
        }
    }

    public void Emit(string eventName, params object?[] args)
    {
        if (!_events.TryGetValue(eventName, out var registered))
        {
            return;
        }

        var callbacks = new List<Delegate>(registered);
        foreach (var callback in callbacks)
        {
            try
            {
                callback.DynamicInvoke(args);
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"failed to emit event {eventName}: {exception}");
            }
        }
    }
}
