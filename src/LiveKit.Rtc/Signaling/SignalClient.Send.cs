using System;
using System.Buffers;
using System.IO;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Rtc.Signaling;

internal sealed partial class SignalClient
{
    /// <summary>
    /// Queues <paramref name="request"/> for the one writer, serialized now into a pooled buffer, so requests go out
    /// in the order of the calls, however the callers race. Completes when the frame has been handed to the socket.
    /// </summary>
    /// <param name="request">The request; not referenced after this call returns.</param>
    /// <param name="cancellationToken">
    /// Gives up waiting. A request whose turn has not come yet is then not sent; one already going out is finished.
    /// </param>
    /// <returns>A task that fails with <see cref="InvalidOperationException"/> when the connection has ended.</returns>
    public ValueTask SendAsync(SignalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (IsClosed)
        {
            return ValueTask.FromException(ClosedException());
        }

        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Enqueue(request, sent, cancellationToken))
        {
            return ValueTask.FromException(ClosedException());
        }

        return new ValueTask(cancellationToken.CanBeCanceled ? sent.Task.WaitAsync(cancellationToken) : sent.Task);
    }

    /// <summary>Serializes and queues; false (the buffer returned) when the writer takes no more.</summary>
    private bool Enqueue(SignalRequest request, TaskCompletionSource? sent, CancellationToken cancellationToken)
    {
        int length = request.CalculateSize();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        request.WriteTo(buffer.AsSpan(0, length));
        if (_outgoing.Writer.TryWrite(new OutgoingSignal(buffer, length, sent, cancellationToken)))
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return false;
    }

    /// <summary>
    /// The one writer: sends the queued frames in order until the queue is completed and empty. After a failed send
    /// the connection is lost, and the frames still queued fail. Never throws.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        Exception? failure = null;
        while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_outgoing.Reader.TryRead(out OutgoingSignal frame))
            {
                try
                {
                    if (failure is not null)
                    {
                        frame.Sent?.TrySetException(ClosedException(failure));
                    }
                    else if (frame.CancellationToken.IsCancellationRequested)
                    {
                        frame.Sent?.TrySetCanceled(frame.CancellationToken);
                    }
                    else
                    {
                        await _socket.SendAsync(frame.Buffer.AsMemory(0, frame.Length), WebSocketMessageType.Binary, endOfMessage: true, _abort.Token)
                            .ConfigureAwait(false);
                        frame.Sent?.TrySetResult();
                    }
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
                {
                    failure = exception;
                    frame.Sent?.TrySetException(ClosedException(exception));
                    if (TryEnd(new SignalClosed(SignalCloseReason.ConnectionLost, Exception: exception)))
                    {
                        SignalLog.SendFailed(_logger, exception, _endpoint);
                    }

                    // The read loop then ends too, and reports (unless this client was closing it anyway).
                    _socket.Abort();
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame.Buffer);
                }
            }
        }
    }
}
