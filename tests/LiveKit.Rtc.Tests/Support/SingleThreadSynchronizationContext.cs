using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Tests;

/// <summary>
/// A synchronization context backed by one dedicated thread, like a UI thread: everything posted to it runs on that
/// thread, one callback at a time, in post order.
/// </summary>
public sealed class SingleThreadSynchronizationContext : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread;
    private int _postCount;

    public SingleThreadSynchronizationContext()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "test UI thread" };
        _thread.Start();
    }

    /// <summary>The managed id of the context's thread.</summary>
    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>How many callbacks were posted to the context.</summary>
    public int PostCount => Volatile.Read(ref _postCount);

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _postCount);
        _queue.Add((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Tests post only.");

    /// <summary>Runs <paramref name="func"/> on the context's thread, with the context current, and returns its result.</summary>
    public Task<T> RunAsync<T>(Func<T> func)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(_ =>
        {
            try
            {
                result.SetResult(func());
            }
            catch (Exception exception)
            {
                result.SetException(exception);
            }
        }, null);
        return result.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }
}
