using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// One state machine of the page's RTCPeerConnection as C# saw it (every state it has been in, in order) with a way
/// to await a state: a wait ends when the state has been reached at any time since the connection was created, or
/// when the machine enters a terminal state other than the one awaited, or at a deadline.
/// </summary>
/// <typeparam name="TState">The state enum.</typeparam>
internal sealed class StateTracker<TState>
    where TState : struct, Enum
{
    private readonly object _gate = new();
    private readonly List<TState> _history;
    private readonly List<(TState Target, TaskCompletionSource<TState> Done)> _waiters = [];
    private readonly Func<TState, bool> _isTerminal;
    private readonly string _name;

    /// <summary>Starts in <paramref name="initial"/>.</summary>
    public StateTracker(string name, TState initial, Func<TState, bool> isTerminal)
    {
        _name = name;
        _history = [initial];
        _isTerminal = isTerminal;
    }

    /// <summary>The latest state.</summary>
    public TState Current
    {
        get
        {
            lock (_gate)
            {
                return _history[^1];
            }
        }
    }

    /// <summary>Every state entered, the initial one first.</summary>
    public IReadOnlyList<TState> History
    {
        get
        {
            lock (_gate)
            {
                return _history.ToArray();
            }
        }
    }

    /// <summary>Records a new state (a repeat of the current one is ignored) and ends the waits it decides.</summary>
    public void Enter(TState state)
    {
        lock (_gate)
        {
            if (EqualityComparer<TState>.Default.Equals(_history[^1], state))
            {
                return;
            }

            _history.Add(state);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                (TState target, TaskCompletionSource<TState> done) = _waiters[i];
                if (EqualityComparer<TState>.Default.Equals(target, state) || _isTerminal(state))
                {
                    done.TrySetResult(state);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>
    /// Returns <paramref name="target"/> once it has been reached, or the terminal state entered instead; throws
    /// <see cref="TimeoutException"/> (with the history) after <paramref name="timeout"/>.
    /// </summary>
    public async Task<TState> WaitAsync(TState target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource<TState> done;
        lock (_gate)
        {
            if (_history.Contains(target))
            {
                return target;
            }

            if (_isTerminal(_history[^1]))
            {
                return _history[^1];
            }

            done = new TaskCompletionSource<TState>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{_name} did not reach {target} within {timeout.TotalSeconds:0.#} s; it went {string.Join(" -> ", History)}", e);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }
}
