using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// A page's event log on the C# side: the events in the order the page recorded them (by <see cref="ClientEvent.Seq"/>,
/// whatever order the Playwright bindings arrive in), and waits that end when a matching event is logged. Nothing
/// polls: each event, once its turn has come, ends the waits it matches.
/// </summary>
internal sealed class ClientEventLog
{
    private readonly object _gate = new();
    private readonly List<ClientEvent> _events = [];
    private readonly SortedDictionary<long, ClientEvent> _early = new();
    private readonly List<Waiter> _waiters = [];
    private readonly string _name;
    private string? _ended;

    /// <summary>A log named <paramref name="name"/> in messages (the page's name).</summary>
    public ClientEventLog(string name) => _name = name;

    /// <summary>Every event logged so far, in order.</summary>
    public IReadOnlyList<ClientEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>The <see cref="ClientEvent.Seq"/> of the latest event logged, 0 before the first.</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Takes one event; logs it, and any that were waiting for it, once its turn has come.</summary>
    public void Accept(ClientEvent clientEvent)
    {
        lock (_gate)
        {
            long next = _events.Count + 1;
            if (clientEvent.Seq < next)
            {
                return; // a duplicate
            }

            if (clientEvent.Seq > next)
            {
                _early[clientEvent.Seq] = clientEvent;
                return;
            }

            Append(clientEvent);
            while (_early.Remove(_events.Count + 1, out ClientEvent? waiting))
            {
                Append(waiting);
            }
        }
    }

    /// <summary>Ends every wait, present and future, that no logged event satisfies: the page is gone.</summary>
    public void End(string why)
    {
        lock (_gate)
        {
            _ended ??= why;
            foreach (Waiter waiter in _waiters)
            {
                waiter.Done.TrySetException(new InvalidOperationException(Describe(waiter, $"the page ended ({why})")));
            }

            _waiters.Clear();
        }
    }

    /// <summary>
    /// The first event after <paramref name="afterSeq"/> named <paramref name="name"/> for which
    /// <paramref name="predicate"/> (when given) holds: one already logged, or the next one logged. The predicate runs
    /// under the log's lock, on whichever thread logs the event: keep it to reading the event. Throws
    /// <see cref="TimeoutException"/> with the events logged so far after <paramref name="timeout"/>, and
    /// <see cref="InvalidOperationException"/> at once if the page has gone.
    /// </summary>
    public async Task<ClientEvent> WaitAsync(
        string name, Func<ClientEvent, bool>? predicate, long afterSeq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var waiter = new Waiter(name, predicate, afterSeq);
        lock (_gate)
        {
            foreach (ClientEvent logged in _events.Skip((int)Math.Clamp(afterSeq, 0, _events.Count)))
            {
                if (waiter.Matches(logged))
                {
                    return logged;
                }
            }

            if (_ended is not null)
            {
                throw new InvalidOperationException(Describe(waiter, $"the page ended ({_ended})"));
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(Describe(waiter, $"no such event within {timeout.TotalSeconds:0.###} s"), e);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private void Append(ClientEvent clientEvent)
    {
        _events.Add(clientEvent);
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            Waiter waiter = _waiters[i];
            bool matches;
            try
            {
                matches = waiter.Matches(clientEvent);
            }
            catch (Exception e)
            {
                waiter.Done.TrySetException(new InvalidOperationException(Describe(waiter, $"its predicate threw on {clientEvent}"), e));
                _waiters.RemoveAt(i);
                continue;
            }

            if (matches)
            {
                waiter.Done.TrySetResult(clientEvent);
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <summary>What a failed wait was for and what was logged instead (the last 40 events); call under the lock.</summary>
    private string Describe(Waiter waiter, string outcome)
    {
        ClientEvent[] recent = _events.Count > 40 ? _events.Skip(_events.Count - 40).ToArray() : _events.ToArray();
        string filter = waiter.Predicate is null ? "" : " matching the predicate";
        string after = waiter.AfterSeq > 0 ? $" after #{waiter.AfterSeq}" : "";
        string logged = recent.Length == 0
            ? "nothing"
            : System.Environment.NewLine + "  " + string.Join(System.Environment.NewLine + "  ", recent.Select(e => e.ToString()));
        return $"{_name}: waited for '{waiter.Name}'{filter}{after}: {outcome}; the page logged {_events.Count} events, the latest: {logged}";
    }

    private sealed class Waiter(string name, Func<ClientEvent, bool>? predicate, long afterSeq)
    {
        public string Name { get; } = name;

        public Func<ClientEvent, bool>? Predicate { get; } = predicate;

        public long AfterSeq { get; } = afterSeq;

        public TaskCompletionSource<ClientEvent> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(ClientEvent clientEvent) =>
            clientEvent.Seq > AfterSeq &&
            string.Equals(clientEvent.Name, Name, StringComparison.Ordinal) &&
            (Predicate is null || Predicate(clientEvent));
    }
}
