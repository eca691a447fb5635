using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Tests.Ice;

/// <summary>
/// A tiny STUN Binding responder on 127.0.0.1 (RFC 8489 §3). It records every datagram it receives, and answers
/// Binding requests with the source address, its port shifted by <see cref="MappedPortOffset"/> to play a NAT.
/// With <see cref="Silent"/> it never answers, which also makes it a stand-in for a peer that drops every check.
/// </summary>
internal sealed class StunTestServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly Task _loop;

    public StunTestServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Added to the source port in the mapped address; 0 answers with the source itself (no NAT).</summary>
    public int MappedPortOffset { get; init; }

    /// <summary>Never answer.</summary>
    public bool Silent { get; init; }

    /// <summary>Ignore this many requests before answering, as if they were lost.</summary>
    public int IgnoreFirst { get; init; }

    /// <summary>Answer like an RFC 3489 server: MAPPED-ADDRESS instead of XOR-MAPPED-ADDRESS, and no FINGERPRINT.</summary>
    public bool Classic { get; init; }

    /// <summary>Every datagram received so far, in order.</summary>
    public IReadOnlyList<byte[]> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> datagrams have arrived in all, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForDatagramsAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Received.Count < count)
        {
            try
            {
                await _arrivals.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} datagrams at {EndPoint}, got {Received.Count}.");
            }
        }
    }

    /// <summary>True when no datagram beyond the first <paramref name="count"/> arrives within <paramref name="grace"/>.</summary>
    public async Task<bool> StaysAtAsync(int count, TimeSpan grace)
    {
        await Task.Delay(grace);
        return Received.Count == count;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _arrivals.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            int index;
            lock (_received)
            {
                _received.Add(buffer.AsSpan(0, result.ReceivedBytes).ToArray());
                index = _received.Count;
            }

            byte[]? answer = Silent || index <= IgnoreFirst ? null : Answer(buffer.AsSpan(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
            if (answer is not null)
            {
                await _socket.SendToAsync(answer, result.RemoteEndPoint);
            }

            _arrivals.Release();
        }
    }

    private byte[]? Answer(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (!StunMessageReader.TryParse(datagram, out StunMessageReader request) || request.Type != StunMessageType.BindingRequest)
        {
            return null;
        }

        var mapped = new IPEndPoint(source.Address, (source.Port + MappedPortOffset) % 65536);
        Span<byte> response = stackalloc byte[128];
        StunMessageWriter.TryCreate(response, StunMessageType.BindingSuccessResponse, request.TransactionId, out StunMessageWriter writer);
        StunTransportAddress address = StunTransportAddress.FromIPEndPoint(mapped);
        if (Classic)
        {
            writer.TryAppendMappedAddress(address);
        }
        else
        {
            writer.TryAppendXorMappedAddress(address);
            writer.TryAppendFingerprint();
        }

        return writer.WrittenSpan.ToArray();
    }
}
