using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Signal;

/// <summary>
/// One participant's signal WebSocket: one binary frame is one <c>SignalRequest</c> in and one
/// <c>SignalResponse</c> out (brief §1.1). A client that sends text frames speaks protobuf JSON, and from its first
/// text frame on the server answers in JSON text frames too, as the real server does. Responses go through one
/// writer task so that sending never blocks the room loop; the reader is the HTTP request's own task.
/// </summary>
internal sealed class SignalConnection : IAsyncDisposable
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser JsonReader = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly WebSocket _socket;
    private readonly int _maxMessageSize;
    private readonly TimeSpan _readTimeout;
    private readonly ILogger _logger;
    private readonly Channel<SignalResponse> _outbox = Channel.CreateUnbounded<SignalResponse>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _writer;
    private volatile bool _json;
    private int _closeRequested;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "";

    public SignalConnection(WebSocket socket, int maxMessageSize, TimeSpan readTimeout, ILogger logger)
    {
        _socket = socket;
        _maxMessageSize = maxMessageSize;
        _readTimeout = readTimeout;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>True while the client's latest frame was a text frame (protobuf JSON).</summary>
    public bool UsesJson => _json;

    /// <summary>Completes when the writer has stopped: the socket is closed or aborted.</summary>
    public Task Completion => _writer;

    /// <summary>Queues a response. Ignored once the connection is closing.</summary>
    public void Send(SignalResponse response)
    {
        if (Volatile.Read(ref _closeRequested) == 0)
        {
            _outbox.Writer.TryWrite(response);
        }
    }

    /// <summary>Sends what is queued, then a close frame with <paramref name="status"/>; idempotent.</summary>
    public void Close(WebSocketCloseStatus status, string description)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 0)
        {
            _closeStatus = status;
            _closeDescription = description;
            _outbox.Writer.TryComplete();
        }
    }

    /// <summary>Drops the connection at once, without a close frame (a "network failure" for fault injection).</summary>
    public void Abort()
    {
        // The socket goes first, so that the writer cannot slip a close frame in between.
        Interlocked.Exchange(ref _closeRequested, 1);
        _socket.Abort();
        _abort.Cancel();
        _outbox.Writer.TryComplete();
    }

    /// <summary>Reads the next request; never throws for what the client sent.</summary>
    public async Task<(SignalReadStatus Status, SignalRequest? Request)> ReadAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int length = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        timeout.CancelAfter(_readTimeout);
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= _maxMessageSize + 1)
                    {
                        return (SignalReadStatus.TooBig, null);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxMessageSize + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (SignalReadStatus.Closed, null);
                }

                length += result.Count;
                if (length > _maxMessageSize)
                {
                    return (SignalReadStatus.TooBig, null);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                // Answers follow the format of the client's latest frame (wsprotocol.go, ReadRequest).
                _json = result.MessageType == WebSocketMessageType.Text;
                return _json ? TryParseJson(buffer.AsSpan(0, length)) : TryParseBinary(buffer.AsSpan(0, length));
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            return (SignalReadStatus.Aborted, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (SignalReadStatus.TimedOut, null);
        }
        catch (OperationCanceledException)
        {
            return (SignalReadStatus.Aborted, null);
        }
        catch (WebSocketException)
        {
            return (SignalReadStatus.Closed, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (SignalReadStatus, SignalRequest?) TryParseBinary(ReadOnlySpan<byte> frame)
    {
        try
        {
            return (SignalReadStatus.Message, SignalRequest.Parser.ParseFrom(frame));
        }
        catch (InvalidProtocolBufferException)
        {
            return (SignalReadStatus.Malformed, null);
        }
    }

    private static (SignalReadStatus, SignalRequest?) TryParseJson(ReadOnlySpan<byte> frame)
    {
        try
        {
            return (SignalReadStatus.Message, JsonReader.Parse<SignalRequest>(System.Text.Encoding.UTF8.GetString(frame)));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return (SignalReadStatus.Malformed, null);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (SignalResponse response in _outbox.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                if (_json)
                {
                    byte[] text = System.Text.Encoding.UTF8.GetBytes(Json.Format(response));
                    await _socket.SendAsync(text, WebSocketMessageType.Text, true, _abort.Token).ConfigureAwait(false);
                }
                else
                {
                    await _socket.SendAsync(response.ToByteArray(), WebSocketMessageType.Binary, true, _abort.Token).ConfigureAwait(false);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(_closeStatus, _closeDescription, closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug("signal writer stopped: {Message}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(WebSocketCloseStatus.NormalClosure, "");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await _writer.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _socket.Abort();
        }

        _abort.Cancel();
        _abort.Dispose();
    }
}
