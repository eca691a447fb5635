using System;
using System.Threading.Tasks;
using LiveKit.Rtc.Events;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// An event the demo waits for: a handler of its own, registered before the action that should cause the event,
/// completes a <see cref="TaskCompletionSource"/> when the event it is looking for fires. The demo then awaits it with
/// a timeout, which is only an upper bound: it never sleeps to let something happen.
/// </summary>
/// <remarks>
/// The handler is registered after the participant's printing handlers, and handlers run in registration order, so the
/// event's line is printed before the wait completes.
/// </remarks>
internal sealed class Expectation
{
    private readonly TaskCompletionSource _met = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventSubscription? _subscription;

    private Expectation(string description)
    {
        Description = description;
    }

    /// <summary>What is expected, as a sentence (<c>bob sees alice join</c>): the failure message names it.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts expecting: <paramref name="subscribe"/> registers a handler (with <c>room.On</c>) that calls
    /// <see cref="MetIf"/> and returns its subscription, which the wait disposes.
    /// </summary>
    public static Expectation Of(string description, Func<Expectation, EventSubscription> subscribe)
    {
        var expectation = new Expectation(description);
        expectation._subscription = subscribe(expectation);
        return expectation;
    }

    /// <summary>Marks the expectation met when <paramref name="condition"/> holds. Called by the handler, on the room loop.</summary>
    public void MetIf(bool condition)
    {
        if (condition)
        {
            _met.TrySetResult();
        }
    }

    /// <summary>Waits until the expectation is met, then removes its handler.</summary>
    /// <exception cref="DemoFailedException">It was not met within <paramref name="timeout"/>.</exception>
    public async Task WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _met.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new DemoFailedException($"timed out after {timeout.TotalSeconds:0} s waiting for: {Description}");
        }
        finally
        {
            Cancel();
        }
    }

    /// <summary>Stops expecting (the action that would have caused the event failed or was refused).</summary>
    public void Cancel() => _subscription?.Dispose();
}
