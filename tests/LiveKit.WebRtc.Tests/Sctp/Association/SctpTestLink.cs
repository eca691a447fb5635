using System;
using System.Collections.Generic;
using LiveKit.WebRtc.Sctp;
using LiveKit.WebRtc.Tests.Ice;

namespace LiveKit.WebRtc.Tests.Sctp.Association;

/// <summary>
/// Two associations joined by an in-memory link on a manual clock. Packets wait in a queue until the test pumps
/// them; the link can drop, reorder and duplicate them from a seeded generator, and a filter can pick on specific ones.
/// </summary>
internal sealed class SctpTestLink : IDisposable
{
    private readonly List<(bool ToB, byte[] Buffer, int Length)> _inFlight = new(4096);
    private readonly Random _random;

    // Packet buffers, reused so the link itself allocates nothing once warm (the shared ArrayPool would, with
    // hundreds of packets queued at once).
    private readonly Stack<byte[]> _free = new(4096);

    public SctpTestLink(int seed = 1, Func<SctpAssociationOptions, SctpAssociationOptions>? configureA = null, Func<SctpAssociationOptions, SctpAssociationOptions>? configureB = null)
    {
        _random = new Random(seed);
        Time = new ManualTimeProvider();
        HandlerA = new SctpTestHandler();
        HandlerB = new SctpTestHandler();
        SctpAssociationOptions optionsA = Options(seed * 2 + 1);
        SctpAssociationOptions optionsB = Options(seed * 2 + 2);
        A = new SctpAssociation(new Sink(this, toB: true), HandlerA, configureA?.Invoke(optionsA) ?? optionsA);
        B = new SctpAssociation(new Sink(this, toB: false), HandlerB, configureB?.Invoke(optionsB) ?? optionsB);
        HandlerA.Association = A;
        HandlerB.Association = B;
    }

    public ManualTimeProvider Time { get; }

    public SctpAssociation A { get; }

    public SctpAssociation B { get; }

    public SctpTestHandler HandlerA { get; }

    public SctpTestHandler HandlerB { get; }

    /// <summary>Probability that a packet is lost.</summary>
    public double DropRate { get; set; }

    /// <summary>Probability that a packet is overtaken by a later one.</summary>
    public double ReorderRate { get; set; }

    /// <summary>Probability that a packet arrives twice.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>Decides per packet (true: towards B) whether it is delivered; runs after the random drops.</summary>
    public Func<byte[], bool, bool>? Filter { get; set; }

    /// <summary>Every packet A sent, in order, when <see cref="Capture"/> is on.</summary>
    public List<byte[]> SentByA { get; } = new();

    /// <summary>Every packet B sent, in order, when <see cref="Capture"/> is on.</summary>
    public List<byte[]> SentByB { get; } = new();

    public bool Capture { get; set; }

    public int PacketsDelivered { get; private set; }

    public int PacketsDropped { get; private set; }

    public int Pending => _inFlight.Count;

    public Action<bool, long, byte[]>? Trace { get; set; }

    /// <summary>Bytes allocated while A handled packets (its sends included; the link's own buffers are pooled).</summary>
    public long AllocatedInA { get; set; }

    /// <summary>Bytes allocated while B handled packets.</summary>
    public long AllocatedInB { get; set; }

    public SctpAssociationOptions Options(int seed) => new()
    {
        TimeProvider = Time,
        Random = new Random(seed),
        MaxSendMessageSize = 262144,
    };

    public void Connect()
    {
        A.Start();
        B.Start();
        Run(() => A.State == SctpAssociationState.Established && B.State == SctpAssociationState.Established
            && HandlerA.EstablishedCount == 1 && HandlerB.EstablishedCount == 1, TimeSpan.FromSeconds(30));
    }

    /// <summary>Delivers queued packets (and those they cause) until none is left; returns how many were taken.</summary>
    public int Pump(int limit = 1_000_000)
    {
        int taken = 0;
        while (_inFlight.Count > 0 && taken < limit)
        {
            int index = 0;
            if (_inFlight.Count > 1 && ReorderRate > 0 && _random.NextDouble() < ReorderRate)
            {
                index = _random.Next(1, Math.Min(_inFlight.Count, 8));
            }

            (bool toB, byte[] buffer, int length) = _inFlight[index];
            _inFlight.RemoveAt(index);
            taken++;
            bool lost = DropRate > 0 && _random.NextDouble() < DropRate;
            if (!lost && Filter is not null && !Filter(buffer.AsSpan(0, length).ToArray(), toB))
            {
                lost = true;
            }

            if (lost)
            {
                PacketsDropped++;
                _free.Push(buffer);
                continue;
            }

            int copies = DuplicateRate > 0 && _random.NextDouble() < DuplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++)
            {
                PacketsDelivered++;
                long before = GC.GetAllocatedBytesForCurrentThread();
                (toB ? B : A).HandlePacket(buffer.AsSpan(0, length));
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > 0 && Trace is not null)
                {
                    Trace(toB, allocated, buffer.AsSpan(0, length).ToArray());
                }

                if (toB)
                {
                    AllocatedInB += allocated;
                }
                else
                {
                    AllocatedInA += allocated;
                }
            }

            _free.Push(buffer);
        }

        return taken;
    }

    /// <summary>Pumps, and moves the clock in <paramref name="step"/>s while nothing is queued, until <paramref name="done"/> or <paramref name="limit"/>.</summary>
    public bool Run(Func<bool> done, TimeSpan limit, TimeSpan? step = null)
    {
        TimeSpan tick = step ?? TimeSpan.FromMilliseconds(10);
        TimeSpan start = Time.Elapsed;
        while (true)
        {
            Pump();
            if (done())
            {
                return true;
            }

            if (Time.Elapsed - start >= limit)
            {
                return false;
            }

            Time.Advance(tick);
        }
    }

    /// <summary>Queues a raw packet as if <paramref name="toB"/>'s peer had sent it.</summary>
    public void Inject(byte[] packet, bool toB)
    {
        byte[] buffer = Rent(packet.Length);
        packet.CopyTo(buffer, 0);
        _inFlight.Add((toB, buffer, packet.Length));
    }

    /// <summary>Forgets every queued packet.</summary>
    public void Clear()
    {
        foreach ((_, byte[] buffer, _) in _inFlight)
        {
            _free.Push(buffer);
        }

        _inFlight.Clear();
    }

    private byte[] Rent(int length) =>
        _free.TryPeek(out byte[]? top) && top.Length >= length ? _free.Pop() : new byte[Math.Max(length, 2048)];

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private sealed class Sink(SctpTestLink link, bool toB) : ISctpPacketSink
    {
        public void SendPacket(ReadOnlySpan<byte> packet)
        {
            byte[] buffer = link.Rent(packet.Length);
            packet.CopyTo(buffer);
            link._inFlight.Add((toB, buffer, packet.Length));
            if (link.Capture)
            {
                (toB ? link.SentByA : link.SentByB).Add(packet.ToArray());
            }
        }
    }
}
