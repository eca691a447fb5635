using System;
using System.Collections.Concurrent;
using System.Threading;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// The receive side of a DTLS association: a bounded queue of copied datagrams that the demultiplexer fills and the
/// blocking BouncyCastle record layer drains with a timed wait. When full, new datagrams are dropped, as a UDP socket
/// buffer would; DTLS retransmission recovers handshake messages (RFC 6347 §4.2.4).
/// </summary>
internal sealed class DtlsDatagramQueue : IDisposable
{
    /// <summary>Datagrams held before dropping: enough for a few handshake flights and a burst of SCTP packets.</summary>
    public const int DefaultCapacity = 512;

    private readonly BlockingCollection<byte[]> _datagrams;

    /// <summary>Creates a queue holding at most <paramref name="capacity"/> datagrams.</summary>
    public DtlsDatagramQueue(int capacity = DefaultCapacity)
    {
        _datagrams = new BlockingCollection<byte[]>(new ConcurrentQueue<byte[]>(), capacity);
    }

    /// <summary>Whether <see cref="Complete"/> was called: nothing more will be accepted.</summary>
    public bool IsCompleted => _datagrams.IsAddingCompleted;

    /// <summary>Copies and queues one datagram; false if the queue is full or completed (the datagram is dropped).</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return false;
        }

        try
        {
            return _datagrams.TryAdd(datagram.ToArray());
        }
        catch (InvalidOperationException)
        {
            // Completed concurrently.
            return false;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> for a datagram and copies it into <paramref name="destination"/>
    /// (truncating if it does not fit, as a datagram socket does). Returns the copied length, or -1 on timeout.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="DtlsPortClosedException">The queue is completed and empty.</exception>
    public int Dequeue(Span<byte> destination, int timeoutMilliseconds, CancellationToken cancellationToken)
    {
        byte[]? datagram;
        try
        {
            if (!_datagrams.TryTake(out datagram, Math.Max(0, timeoutMilliseconds), cancellationToken))
            {
                if (_datagrams.IsCompleted)
                {
                    throw new DtlsPortClosedException();
                }

                return -1;
            }
        }
        catch (ObjectDisposedException)
        {
            throw new DtlsPortClosedException();
        }

        int length = Math.Min(datagram.Length, destination.Length);
        datagram.AsSpan(0, length).CopyTo(destination);
        return length;
    }

    /// <summary>Stops accepting datagrams and wakes any waiting reader.</summary>
    public void Complete() => _datagrams.CompleteAdding();

    /// <inheritdoc />
    public void Dispose()
    {
        Complete();
        _datagrams.Dispose();
    }
}
