using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Rtc.Events;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Threading;

/// <summary>
/// A room's serialized work queue. Network loops post what they received; the loop applies it to the room's state
/// and emits the events, so handlers run one at a time, in post order, and never on a network loop.
/// </summary>
/// <remarks>
/// <para>
/// A serial executor: a <see cref="ConcurrentQueue{T}"/> of work items plus an atomic "scheduled" flag. The first post
/// that finds the loop idle schedules one drain; the drain runs items until the queue is empty, then clears the flag.
/// Posting never runs work on the poster's stack: work is always scheduled, even when posted from the loop itself
/// (it then runs after the current item).
/// </para>
/// <para>
/// Where drains run: on the <see cref="SynchronizationContext"/> given at creation when there is one (a UI thread, a
/// test's single-thread context), through its <see cref="SynchronizationContext.Post"/>; otherwise on the thread
/// pool. Thread-pool drains do not flow the poster's <see cref="ExecutionContext"/>: work posted from a network loop
/// must not inherit that loop's async-locals.
/// </para>
/// <para>
/// Completion policy: <see cref="CompleteAsync"/> stops accepting work and drains. Every item that was accepted
/// still runs; items posted afterwards are refused (<see cref="Post"/> returns false, <see cref="InvokeAsync"/> faults
/// with <see cref="ObjectDisposedException"/>).
/// </para>
/// </remarks>
internal sealed class RoomLoop : IThreadPoolWorkItem, IAsyncDisposable
{
    // A drain gives its thread back after this many items and continues in a new drain, so that a flood of network
    // events cannot monopolize a UI thread or a thread-pool thread.
    private const int DrainBudget = 256;

    private static readonly SendOrPostCallback DrainOnContext = static state => ((RoomLoop)state!).Drain();

    [ThreadStatic]
    private static RoomLoop? t_running;

    private readonly ConcurrentQueue<RoomLoopWorkItem> _queue = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly SynchronizationContext? _context;
    private int _scheduled;
    private int _completing;

    /// <summary>Creates a loop that drains on <paramref name="context"/>, or on the thread pool when it is null.</summary>
    public RoomLoop(ILogger logger, SynchronizationContext? context)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _context = context;
    }

    /// <summary>The context drains run on; null when they run on the thread pool.</summary>
    public SynchronizationContext? Context => _context;

    /// <summary>True when the calling thread is running this loop's work (a handler invoked by an emit, for instance).</summary>
    public bool IsRunningOnCurrentThread => ReferenceEquals(t_running, this);

    /// <summary>Completes once <see cref="CompleteAsync"/> was called and every item posted before that has run.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Creates a loop that drains on the caller's <see cref="SynchronizationContext.Current"/>, when there is one.</summary>
    public static RoomLoop CaptureCurrent(ILogger logger) => new(logger, SynchronizationContext.Current);

    /// <summary>Queues <paramref name="work"/>; an exception it throws is logged and the loop goes on.</summary>
    /// <returns>True when the work was queued; false when the loop is completing and refuses new work.</returns>
    public bool Post(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TryEnqueue(new ActionWorkItem(work));
    }

    /// <summary>
    /// Queues <paramref name="work"/> with its <paramref name="state"/>, so that a static lambda needs no closure; an
    /// exception it throws is logged and the loop goes on.
    /// </summary>
    /// <returns>True when the work was queued; false when the loop is completing and refuses new work.</returns>
    public bool Post<TState>(Action<TState> work, TState state)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TryEnqueue(new StateWorkItem<TState>(work, state));
    }

    /// <summary>
    /// Queues <paramref name="work"/> and returns a task that completes after it ran, or faults with what it threw.
    /// Do not block on the task from the loop itself: the work cannot run before the current item returns.
    /// </summary>
    public Task InvokeAsync(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new InvokeWorkItem(work);
        return TryEnqueue(item)
            ? item.Task
            : Task.FromException(new ObjectDisposedException(nameof(RoomLoop), "The room loop is completed and runs no more work."));
    }

    /// <summary>
    /// Stops accepting work and returns a task that completes once every item posted before this call has run. Calling
    /// it again returns the same task. Do not block on it from the loop itself.
    /// </summary>
    public Task CompleteAsync()
    {
        if (Interlocked.Exchange(ref _completing, 1) == 0)
        {
            Enqueue(new CompletionWorkItem(_completion));
        }

        return _completion.Task;
    }

    /// <summary>Same as <see cref="CompleteAsync"/>.</summary>
    public ValueTask DisposeAsync() => new(CompleteAsync());

    void IThreadPoolWorkItem.Execute() => Drain();

    private bool TryEnqueue(RoomLoopWorkItem item)
    {
        // A post racing CompleteAsync may pass this check and enqueue after the completion marker; it still runs,
        // because every enqueue schedules a drain. Accepted work is never dropped.
        if (Volatile.Read(ref _completing) != 0)
        {
            return false;
        }

        Enqueue(item);
        return true;
    }

    private void Enqueue(RoomLoopWorkItem item)
    {
        _queue.Enqueue(item);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            Schedule();
        }
    }

    private void Schedule()
    {
        if (_context is { } context)
        {
            context.Post(DrainOnContext, this);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void Drain()
    {
        var previous = t_running;
        t_running = this;
        try
        {
            for (var budget = DrainBudget; budget > 0; budget--)
            {
                if (!_queue.TryDequeue(out var item))
                {
                    // Going idle. A post that saw the flag still set did not schedule, and may have enqueued after our
                    // TryDequeue: look again after clearing the flag, and take the drain back if there is work.
                    Volatile.Write(ref _scheduled, 0);
                    if (_queue.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                Run(item);
            }

            // Budget spent with the flag still ours: continue in a fresh drain.
            Schedule();
        }
        finally
        {
            t_running = previous;
        }
    }

    private void Run(RoomLoopWorkItem item)
    {
        try
        {
            item.Run();
        }
        catch (Exception exception)
        {
            RoomLoopLog.WorkItemFailed(_logger, exception, EventHandlerList.DescribeHandler(item.Callback));
        }
    }
}
