using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Signaling;

/// <summary>
/// Reads whole WebSocket messages into one pooled buffer, reused from message to message: it grows (doubling) for a
/// large message up to <see cref="MaxFrameSize"/> and goes back to its small size afterwards, so reading allocates
/// nothing per message. Not thread-safe: one read loop owns it.
/// </summary>
internal sealed class SignalFrameReader : IDisposable
{
    /// <summary>The largest message accepted, the LiveKit server's own limit on signal messages.</summary>
    public const int MaxFrameSize = 1024 * 1024;

    /// <summary>Most signal messages fit; a join response in a large room may not.</summary>
    private const int InitialSize = 16 * 1024;

    private readonly WebSocket _socket;
    private byte[]? _buffer;
    private int _length;

    public SignalFrameReader(WebSocket socket)
    {
        _socket = socket;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    }

    /// <summary>The last <see cref="SignalFrameKind.Binary"/> message read; valid until the next read.</summary>
    public ReadOnlySpan<byte> Frame => _buffer.AsSpan(0, _length);

    /// <summary>Reads the next whole message. Throws what the socket throws (a lost connection, a cancellation).</summary>
    public async ValueTask<SignalFrameKind> ReceiveAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_buffer.Length > 4 * InitialSize)
        {
            // The last message was large: give the large buffer back rather than hold it for the connection's life.
            Replace(InitialSize, keep: 0);
        }

        _length = 0;
        bool tooBig = false;
        while (true)
        {
            int capacity = Math.Min(_buffer.Length, MaxFrameSize);
            if (_length == capacity)
            {
                if (capacity == MaxFrameSize)
                {
                    // Over the limit: keep reading into the same buffer to reach the message's end, then drop it.
                    tooBig = true;
                    _length = 0;
                }
                else
                {
                    Replace(Math.Min(capacity * 2, MaxFrameSize), keep: _length);
                    capacity = Math.Min(_buffer.Length, MaxFrameSize);
                }
            }

            ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_buffer.AsMemory(_length, capacity - _length), cancellationToken)
                .ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                _length = 0;
                return SignalFrameKind.Close;
            }

            _length += result.Count;
            if (result.EndOfMessage)
            {
                if (tooBig)
                {
                    _length = 0;
                    return SignalFrameKind.TooBig;
                }

                return result.MessageType == WebSocketMessageType.Text ? SignalFrameKind.Text : SignalFrameKind.Binary;
            }
        }
    }

    /// <summary>Returns the buffer to the pool. Call only when no read is in progress.</summary>
    public void Dispose()
    {
        byte[]? buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Replace(int size, int keep)
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, keep).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = larger;
    }
}
