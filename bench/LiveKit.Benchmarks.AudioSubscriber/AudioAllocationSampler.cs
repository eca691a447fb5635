using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;

namespace LiveKit.Benchmarks;

/// <summary>
/// Which types a process allocates, sampled by the runtime itself: the GC raises <c>GCAllocationTick</c> (event 10 of
/// Microsoft-Windows-DotNETRuntime, GC keyword, verbose) about every 100 KB allocated, naming the type of the object
/// that crossed the mark; summed by type, the samples apportion the bytes allocated. A diagnostic for
/// <see cref="AudioSubscriberProcess"/> (<c>--alloc-sources</c>): the listener allocates too (event payloads), so a run
/// with it does not count bytes per frame.
/// </summary>
internal sealed class AudioAllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const long GcKeyword = 0x1;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _bytesByType = new();
    private bool _counting;

    /// <summary>Starts or stops counting samples (the listener is enabled from construction on).</summary>
    public bool Counting
    {
        get
        {
            lock (_gate)
            {
                return _counting;
            }
        }

        set
        {
            lock (_gate)
            {
                _counting = value;
            }
        }
    }

    /// <summary>The sampled bytes by type, largest first, with each type's share of all samples.</summary>
    public IReadOnlyList<(string Type, long Bytes, double Share)> Largest(int count)
    {
        lock (_gate)
        {
            long total = Math.Max(1, _bytesByType.Values.Sum());
            return _bytesByType.OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key, t.Value, (double)t.Value / total)).ToArray();
        }
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (amountIndex < 0)
        {
            amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
        }

        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        string type = eventData.Payload[typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (_counting)
            {
                _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
