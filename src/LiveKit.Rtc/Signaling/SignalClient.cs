using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Signaling;

/// <summary>
/// A joined signal connection to a LiveKit server in protocol 17 dual-PeerConnection mode (<c>/rtc</c>, brief §1):
/// binary WebSocket frames, one <see cref="SignalResponse"/> per frame in, one <see cref="SignalRequest"/> per frame
/// out. <see cref="ConnectAsync"/> joins; <see cref="Start"/> starts the read loop, which hands every later message
/// to the listener, and the ping (brief §5.1); <see cref="SendAsync"/> queues requests for the one writer.
/// </summary>
/// <remarks>
/// Threading: the read loop, the writer loop and the ping loop each run on their own; the only shared state is the
/// end of the connection (<see cref="_end"/>, set once) and the round-trip time. Every listener call comes from the
/// read loop, so the listener never sees a message after <see cref="ISignalListener.OnSignalClosed"/>.
/// </remarks>
internal sealed partial class SignalClient : IAsyncDisposable
{
    /// <summary>How long a close waits for the queued requests to go out, and then for the server's close frame.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The value of <see cref="_end"/> when this client ended the connection: nothing is reported.</summary>
    private static readonly SignalClosed ClosedByClient = new(SignalCloseReason.ConnectionLost);

    private readonly ClientWebSocket _socket;
    private readonly SignalFrameReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly Channel<OutgoingSignal> _outgoing = Channel.CreateUnbounded<OutgoingSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _stopPing = new();
    private readonly Lock _gate = new();
    private readonly Task _writeLoop;
    private Task? _readLoop;
    private Task _pingLoop = Task.CompletedTask;
    private ITimer? _pingTimeout;
    private SignalClosed? _end;
    private Task? _close;
    private Task? _release;
    private long _droppedFrames;
    private long _roundTripMilliseconds = -1;

    private SignalClient(ClientWebSocket socket, SignalFrameReader reader, JoinResponse join, TimeProvider time, ILogger logger, string endpoint)
    {
        _socket = socket;
        _reader = reader;
        Join = join;
        _time = time;
        _logger = logger;
        _endpoint = endpoint;
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The server's answer to the join: the room, this participant, the others, ICE servers, ping settings.</summary>
    public JoinResponse Join { get; }

    /// <summary>The last round-trip time measured by a ping (brief §5.1); null before the first pong.</summary>
    public TimeSpan? RoundTripTime
    {
        get
        {
            long milliseconds = Interlocked.Read(ref _roundTripMilliseconds);
            return milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds);
        }
    }

    /// <summary>Frames received and dropped because they were not a SignalResponse (malformed, text, over 1 MiB).</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    /// <summary>True once the connection has ended, whoever ended it; <see cref="SendAsync"/> then fails.</summary>
    public bool IsClosed => Volatile.Read(ref _end) is not null;

    /// <summary>
    /// Starts reading: every message after the join response goes to <paramref name="listener"/>, and the ping
    /// starts (every <c>ping_interval</c>, dropping the connection after <c>ping_timeout</c> of silence). Does
    /// nothing after <see cref="CloseAsync"/> or <see cref="DisposeAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Start was already called.</exception>
    public void Start(ISignalListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            if (ReferenceEquals(Volatile.Read(ref _end), ClosedByClient) || _release is not null)
            {
                return;
            }

            if (_readLoop is not null)
            {
                throw new InvalidOperationException("The signal client is already started.");
            }

            StartPing();
            _readLoop = Task.Run(() => ReadLoopAsync(listener));
        }
    }

    /// <summary>
    /// Leaves gracefully: sends <paramref name="leave"/> when given (after the requests already queued), a close
    /// frame (1000), waits a bounded time for the server's close frame, and stops every loop. The listener hears
    /// nothing more. Idempotent; after the connection already ended it only releases what is left.
    /// </summary>
    public Task CloseAsync(LeaveRequest? leave)
    {
        lock (_gate)
        {
            // Run apart so that none of the close runs under the lock.
            return _close ??= Task.Run(() => CloseCoreAsync(leave));
        }
    }

    /// <summary>Drops the connection at once, without a leave, unless it is already closed; then releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (TryEnd(ClosedByClient))
        {
            SignalLog.Closed(_logger, _endpoint);
        }

        await ReleaseAsync().ConfigureAwait(false);
        Task? close;
        lock (_gate)
        {
            close = _close;
        }

        if (close is not null)
        {
            await close.ConfigureAwait(false);
        }
    }

    /// <summary>The exception of a send on an ended connection.</summary>
    private static InvalidOperationException ClosedException(Exception? cause = null) =>
        new("The signal connection is closed.", cause);

    /// <summary>Records how the connection ended; true for the first caller only, whose <paramref name="end"/> stands.</summary>
    private bool TryEnd(SignalClosed end) => Interlocked.CompareExchange(ref _end, end, null) is null;

    private async Task CloseCoreAsync(LeaveRequest? leave)
    {
        if (TryEnd(ClosedByClient))
        {
            SignalLog.Closed(_logger, _endpoint);
            StopPing();
            if (leave is not null)
            {
                Enqueue(new SignalRequest { Leave = leave }, sent: null, CancellationToken.None);
            }

            _outgoing.Writer.TryComplete();
            if (await CompletesWithinAsync(_writeLoop, "the queued requests were not sent").ConfigureAwait(false))
            {
                await SendCloseFrameAsync().ConfigureAwait(false);
                Task? readLoop;
                lock (_gate)
                {
                    // Not started: read (and drop) until the server's close frame, so the handshake can complete.
                    readLoop = _release is null ? _readLoop ??= Task.Run(() => ReadLoopAsync(listener: null)) : null;
                }

                if (readLoop is not null)
                {
                    await CompletesWithinAsync(readLoop, "no close frame from the server").ConfigureAwait(false);
                }
            }
        }

        await ReleaseAsync().ConfigureAwait(false);
    }

    /// <summary>Sends our close frame (RFC 6455 §5.5.1, 1000), bounded; a failure only means the handshake is cut short.</summary>
    private async Task SendCloseFrameAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var bound = new CancellationTokenSource(CloseHandshakeTimeout, _time);
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, bound.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or System.IO.IOException)
        {
            SignalLog.CloseHandshakeIncomplete(_logger, _endpoint, exception.Message);
        }
    }

    /// <summary>Waits for <paramref name="task"/> (a loop, which never throws) at most <see cref="CloseHandshakeTimeout"/>.</summary>
    private async Task<bool> CompletesWithinAsync(Task task, string otherwise)
    {
        try
        {
            await task.WaitAsync(CloseHandshakeTimeout, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            SignalLog.CloseHandshakeIncomplete(_logger, _endpoint, otherwise);
            return false;
        }
    }

    /// <summary>Aborts the socket, waits for every loop to end, and returns the pooled buffers. Once.</summary>
    private Task ReleaseAsync()
    {
        lock (_gate)
        {
            return _release ??= Task.Run(ReleaseCoreAsync);
        }
    }

    private async Task ReleaseCoreAsync()
    {
        StopPing();
        _outgoing.Writer.TryComplete();
        _socket.Abort();
        _abort.Cancel();
        Task? readLoop;
        Task pingLoop;
        lock (_gate)
        {
            readLoop = _readLoop;
            pingLoop = _pingLoop;
        }

        await _writeLoop.ConfigureAwait(false);
        await pingLoop.ConfigureAwait(false);
        if (readLoop is not null)
        {
            await readLoop.ConfigureAwait(false);
        }

        _reader.Dispose();
        _socket.Dispose();
        _abort.Dispose();
        _stopPing.Dispose();
    }
}
