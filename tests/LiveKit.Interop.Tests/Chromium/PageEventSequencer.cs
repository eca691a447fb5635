using System;
using System.Collections.Generic;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// Puts the page's events back in the order the page emitted them (by <see cref="PageEvent.Seq"/>), whatever order
/// Playwright delivers the binding calls in, and hands each to a handler exactly once, one at a time.
/// </summary>
internal sealed class PageEventSequencer
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, PageEvent> _early = new();
    private readonly Action<PageEvent> _handler;
    private long _next = 1;

    /// <summary>Delivers to <paramref name="handler"/>, which must not block (it runs under a lock).</summary>
    public PageEventSequencer(Action<PageEvent> handler) => _handler = handler;

    /// <summary>Takes one event; delivers it and any that were waiting for it once its turn has come.</summary>
    public void Accept(PageEvent pageEvent)
    {
        lock (_gate)
        {
            if (pageEvent.Seq < _next)
            {
                return; // a duplicate
            }

            if (pageEvent.Seq > _next)
            {
                _early[pageEvent.Seq] = pageEvent;
                return;
            }

            _handler(pageEvent);
            _next++;
            while (_early.Remove(_next, out PageEvent? waiting))
            {
                _handler(waiting);
                _next++;
            }
        }
    }
}
