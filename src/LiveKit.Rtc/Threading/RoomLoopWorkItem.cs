using System;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Threading;

/// <summary>
/// One unit of work queued on a <see cref="RoomLoop"/>. Each post allocates one of these small nodes; the generic
/// <see cref="StateWorkItem{TState}"/> keeps the caller's state typed, so posting needs no closure and no boxing.
/// </summary>
internal abstract class RoomLoopWorkItem
{
    /// <summary>The user-visible delegate, named in the log when the item throws.</summary>
    public abstract Delegate Callback { get; }

    /// <summary>Runs the work. An exception escaping it is logged by the loop, which goes on with the next item.</summary>
    public abstract void Run();
}

/// <summary>Work without state.</summary>
internal sealed class ActionWorkItem(Action work) : RoomLoopWorkItem
{
    public override Delegate Callback => work;

    public override void Run() => work();
}

/// <summary>Work with a typed state argument.</summary>
internal sealed class StateWorkItem<TState>(Action<TState> work, TState state) : RoomLoopWorkItem
{
    public override Delegate Callback => work;

    public override void Run() => work(state);
}

/// <summary>
/// Work whose caller awaits it: the outcome, exception included, goes to <see cref="Task"/> rather than to the log,
/// since the caller observes it there.
/// </summary>
internal sealed class InvokeWorkItem(Action work) : RoomLoopWorkItem
{
    // Continuations run asynchronously so that an awaiting caller never resumes on (and holds up) the room loop.
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Delegate Callback => work;

    public Task Task => _completion.Task;

    public override void Run()
    {
        try
        {
            work();
            _completion.SetResult();
        }
        catch (Exception exception)
        {
            _completion.SetException(exception);
        }
    }
}

/// <summary>The marker <see cref="RoomLoop.CompleteAsync"/> queues: when it runs, every item posted before it has run.</summary>
internal sealed class CompletionWorkItem(TaskCompletionSource completion) : RoomLoopWorkItem
{
    public override Delegate Callback => (Action)Run;

    public override void Run() => completion.TrySetResult();
}
