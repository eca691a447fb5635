using System;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;

namespace LiveKit.Benchmarks;

/// <summary>Reads one of our data channels and counts what arrives; a benchmark waits for the count it sent.</summary>
internal sealed class DataChannelSink
{
    private readonly object _gate = new();
    private long _received;
    private long _target = long.MaxValue;
    private TaskCompletionSource? _reached;

    private DataChannelSink()
    {
    }

    /// <summary>Messages counted so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Starts reading <paramref name="channel"/> until it closes.</summary>
    public static DataChannelSink Start(DataChannel channel)
    {
        var sink = new DataChannelSink();
        _ = Task.Run(async () =>
        {
            await foreach (DataChannelMessage _ in channel.ReadAllAsync())
            {
                long received = Interlocked.Increment(ref sink._received);
                if (received >= Interlocked.Read(ref sink._target))
                {
                    lock (sink._gate)
                    {
                        sink._reached?.TrySetResult();
                    }
                }
            }
        });
        return sink;
    }

    /// <summary>Completes once <paramref name="count"/> messages have arrived in all.</summary>
    public Task WaitForAsync(long count, TimeSpan timeout)
    {
        TaskCompletionSource reached;
        lock (_gate)
        {
            reached = _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _target, count);
        }

        if (Received >= count)
        {
            reached.TrySetResult();
        }

        return reached.Task.WaitAsync(timeout);
    }
}
