using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// Receives one datagram. The span and <paramref name="source"/> are reused by the next receive: valid only during the
/// call (make an <see cref="IPEndPoint"/> with <see cref="IceHostSocket.ToEndPoint"/> to keep the source).
/// </summary>
internal delegate void IceHostDatagramHandler(IceHostSocket socket, ReadOnlySpan<byte> datagram, SocketAddress source);

/// <summary>
/// The UDP socket behind one host candidate, with its single receive loop. The loop never throws out: socket
/// errors other than shutdown are skipped, handler exceptions are counted as drops.
/// </summary>
internal sealed class IceHostSocket : IAsyncDisposable
{
    // Larger than any datagram a path MTU allows; STUN and DTLS records fit easily.
    private const int ReceiveBufferLength = 2048;

    private readonly Socket _socket;
    private readonly IceHostDatagramHandler _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private long _handlerFailures;

    private IceHostSocket(Socket socket, IceCandidate candidate, IceHostDatagramHandler handler)
    {
        _socket = socket;
        Candidate = candidate;
        _handler = handler;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _receiveLoop = Task.Factory.StartNew(ReceiveLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The host candidate this socket is the base of.</summary>
    public IceCandidate Candidate { get; }

    /// <summary>The bound address.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The address a handler was given, as an endpoint of its own.</summary>
    public IPEndPoint ToEndPoint(SocketAddress source) => (IPEndPoint)LocalEndPoint.Create(source);

    /// <summary>Datagrams whose handler threw.</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>
    /// Binds <paramref name="address"/> on an ephemeral port and makes its host candidate (RFC 8445 §5.1.1.1).
    /// Buffer sizes, when given, set SO_RCVBUF and SO_SNDBUF (the kernel may cap or double them).
    /// </summary>
    public static IceHostSocket Bind(
        IPAddress address, int localPreference, IceHostDatagramHandler handler, int? receiveBufferSize = null, int? sendBufferSize = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(handler);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (receiveBufferSize is int receive)
            {
                socket.ReceiveBufferSize = receive;
            }

            if (sendBufferSize is int send)
            {
                socket.SendBufferSize = send;
            }

            socket.Bind(new IPEndPoint(address, 0));
            var endPoint = (IPEndPoint)socket.LocalEndPoint!;
            string ip = endPoint.Address.ToString();
            var candidate = new IceCandidate
            {
                Foundation = IceCandidate.ComputeFoundation(IceCandidateType.Host, ip, null, IceTransportProtocol.Udp),
                Component = 1,
                Priority = IceCandidate.ComputePriority(IceCandidateType.Host, localPreference, 1),
                Address = ip,
                Port = endPoint.Port,
                Type = IceCandidateType.Host,
            };
            return new IceHostSocket(socket, candidate, handler);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a datagram; false if the socket is closed or the send failed (UDP gives no other signal).</summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, IPEndPoint destination) => TrySend(datagram, destination.Serialize());

    /// <summary>
    /// Sends a datagram to an address serialized beforehand (<see cref="IPEndPoint.Serialize"/>), the media path: unlike
    /// the <see cref="IPEndPoint"/> overload it serializes nothing per call, so a send allocates nothing. False if the
    /// socket is closed or the send failed.
    /// </summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        try
        {
            return _socket.SendTo(datagram, SocketFlags.None, destination) == datagram.Length;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _stop.Dispose();
    }

    // A thread blocked in recvfrom, rather than an async receive: the kernel wakes it directly, where an async receive
    // goes through the epoll thread and a thread-pool hop for every burst. With DTLS and SCTP handled inline on this
    // thread, that took bulk data channel throughput from ~45 to ~70-90 MB/s on loopback (docs/benchmarks.md).
    // Disposing the socket unblocks the call.
    private void ReceiveLoop()
    {
        // One buffer and one source address for the socket's life: receiving a datagram allocates nothing.
        byte[] buffer = new byte[ReceiveBufferLength];
        var source = new SocketAddress(_socket.AddressFamily);
        while (!_stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, source);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                // ICMP errors (port unreachable after the peer closed) surface here on some platforms; keep going.
                continue;
            }
            catch (SocketException)
            {
                break;
            }

            try
            {
                _handler(this, buffer.AsSpan(0, received), source);
            }
#pragma warning disable CA1031 // One bad datagram or handler must not end the loop; it is counted as a drop.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _handlerFailures);
            }
        }
    }
}
