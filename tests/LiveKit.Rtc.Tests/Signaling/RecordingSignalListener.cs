using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Rtc.Signaling;

namespace LiveKit.Rtc.Tests.Signaling;

/// <summary>
/// A signal listener that keeps every response in order and the close report, and lets a test await either. It
/// also checks the listener contract: no response after the close, and at most one close.
/// </summary>
internal sealed class RecordingSignalListener : ISignalListener
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly List<SignalResponse> _responses = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<SignalClosed> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closeCount;

    /// <summary>Completes with the close report.</summary>
    public Task<SignalClosed> Closed => _closed.Task;

    /// <summary>How many times OnSignalClosed was called.</summary>
    public int CloseCount => Volatile.Read(ref _closeCount);

    /// <summary>Set when a response arrived after the close report (a contract violation).</summary>
    public bool ResponseAfterClose { get; private set; }

    public IReadOnlyList<SignalResponse> Responses
    {
        get
        {
            lock (_gate)
            {
                return _responses.ToArray();
            }
        }
    }

    public void OnSignalResponse(SignalResponse response)
    {
        lock (_gate)
        {
            if (_closed.Task.IsCompleted)
            {
                ResponseAfterClose = true;
            }

            _responses.Add(response);
            TaskCompletionSource arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
        }
    }

    public void OnSignalClosed(SignalClosed closed)
    {
        Interlocked.Increment(ref _closeCount);
        _closed.TrySetResult(closed);
    }

    /// <summary>Waits until the responses received so far satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<SignalResponse>> WaitUntilAsync(Func<IReadOnlyList<SignalResponse>, bool> condition, string what)
    {
        using var bound = new CancellationTokenSource(Timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (condition(_responses))
                {
                    return _responses.ToArray();
                }

                arrived = _arrived.Task;
            }

            try
            {
                await Task.WhenAny(arrived, _closed.Task).WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still waiting for {what} after {Timeout.TotalSeconds} s.");
            }

            if (_closed.Task.IsCompleted && !arrived.IsCompleted)
            {
                lock (_gate)
                {
                    if (condition(_responses))
                    {
                        return _responses.ToArray();
                    }
                }

                throw new InvalidOperationException($"The signal connection closed ({_closed.Task.Result}) before {what}.");
            }
        }
    }

    /// <summary>The first response matching <paramref name="predicate"/>, waiting for it if need be.</summary>
    public async Task<SignalResponse> WaitForAsync(Func<SignalResponse, bool> predicate, string what)
    {
        IReadOnlyList<SignalResponse> responses = await WaitUntilAsync(list => FindIndex(list, predicate) >= 0, what);
        return responses[FindIndex(responses, predicate)];
    }

    private static int FindIndex(IReadOnlyList<SignalResponse> responses, Func<SignalResponse, bool> predicate)
    {
        for (int i = 0; i < responses.Count; i++)
        {
            if (predicate(responses[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
