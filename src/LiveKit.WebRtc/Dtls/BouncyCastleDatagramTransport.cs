using System;
using System.Threading;
using Org.BouncyCastle.Tls;

namespace LiveKit.WebRtc.Dtls;

/// <summary>
/// Adapts an <see cref="IDtlsDatagramPort"/> and a <see cref="DtlsDatagramQueue"/> to BouncyCastle's blocking
/// <see cref="DatagramTransport"/>. BouncyCastle drives retransmission (RFC 6347 §4.2.4) through the wait it passes
/// to <see cref="Receive(Span{byte}, int)"/>: returning -1 when it expires tells it the timer fired.
/// </summary>
internal sealed class BouncyCastleDatagramTransport : DatagramTransport
{
    private readonly IDtlsDatagramPort _port;
    private readonly DtlsDatagramQueue _queue;
    private readonly int _sendLimit;
    private readonly int _receiveLimit;
    private CancellationToken _cancellationToken;
    private volatile bool _closed;

    /// <summary>Creates the adapter; <paramref name="sendLimit"/> caps outgoing datagrams (handshake messages are fragmented to fit).</summary>
    public BouncyCastleDatagramTransport(IDtlsDatagramPort port, DtlsDatagramQueue queue, int sendLimit, int receiveLimit)
    {
        _port = port;
        _queue = queue;
        _sendLimit = sendLimit;
        _receiveLimit = receiveLimit;
    }

    /// <summary>Whether <see cref="Close"/> was called (by us or by the record layer after a fatal alert or close_notify).</summary>
    public bool IsClosed => _closed;

    /// <summary>Makes blocking receives throw <see cref="OperationCanceledException"/> when the token is cancelled (the handshake).</summary>
    public void SetCancellationToken(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <inheritdoc />
    public int GetReceiveLimit() => _receiveLimit;

    /// <inheritdoc />
    public int GetSendLimit() => _sendLimit;

    /// <inheritdoc />
    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <inheritdoc />
    public int Receive(Span<byte> buffer, int waitMillis) => _queue.Dequeue(buffer, waitMillis, _cancellationToken);

    /// <inheritdoc />
    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> buffer)
    {
        // After close the record layer may still try to send a fatal alert; like a closed socket, drop it.
        if (!_closed)
        {
            _port.Send(buffer);
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        _closed = true;
        _queue.Complete();
    }
}
