using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

/// <summary>
/// A room's serialized work queue: signal requests, PeerConnection callbacks, API calls and timers all run here,
/// one at a time, so room state needs no locks. Work never waits on the network: sends are queued by each
/// participant's signal writer.
/// </summary>
internal sealed class RoomLoop : IAsyncDisposable
{
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _running;

    public RoomLoop(ILogger logger)
    {
        _logger = logger;
        _running = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="work"/>; false once the loop has stopped.</summary>
    public bool Post(Func<Task> work) => _work.Writer.TryWrite(work);

    /// <summary>Queues <paramref name="work"/> and waits for its result.</summary>
    public Task<T> InvokeAsync<T>(Func<Task<T>> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool queued = Post(async () =>
        {
            try
            {
                completion.TrySetResult(await work().ConfigureAwait(false));
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        });
        if (!queued)
        {
            completion.TrySetException(new ObjectDisposedException(nameof(RoomLoop), "The room is closed."));
        }

        return completion.Task;
    }

    /// <summary>Queues <paramref name="work"/> and waits for it.</summary>
    public Task InvokeAsync(Func<Task> work) => InvokeAsync(async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    private async Task RunAsync()
    {
        await foreach (Func<Task> work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // One failed step must not stop the room: log it and go on with the next.
                _logger.LogError(e, "room work failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _running.ConfigureAwait(false);
    }
}
