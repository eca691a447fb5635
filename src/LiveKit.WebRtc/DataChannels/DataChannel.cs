using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.WebRtc.DataChannels;

namespace LiveKit.WebRtc;

/// <summary>
/// A WebRTC data channel (W3C RTCDataChannel; RFC 8831): messages over one SCTP stream of the connection's
/// association, opened in-band with DCEP (RFC 8832) or negotiated by the application.
/// </summary>
/// <remarks>
/// Received messages are pulled with <see cref="ReadAllAsync"/>. On a reliable channel a message the reader has not
/// taken yet still counts against the SCTP receive window, so a slow reader slows the sender down and nothing is
/// lost. A partially reliable channel (<see cref="MaxRetransmits"/> or <see cref="MaxPacketLifeTime"/> set) must
/// never hold the others back: it keeps at most <see cref="UnreliableQueueCapacity"/> unread messages and drops the
/// oldest beyond that (<see cref="DroppedMessageCount"/>). Events run on the thread that caused them and must return
/// quickly.
/// </remarks>
public sealed class DataChannel : IAsyncDisposable
{
    /// <summary>Unread messages a partially reliable channel keeps before dropping the oldest.</summary>
    public const int UnreliableQueueCapacity = 4096;

    /// <summary>
    /// The buffered amount above which <see cref="SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/> waits for the
    /// peer to acknowledge data (16 MiB, the send buffer browsers allow before they fail a send).
    /// </summary>
    public const long MaxBufferedAmount = 16 * 1024 * 1024;

    private readonly DataChannelTransport _transport;
    private readonly Channel<Received> _received;
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private TaskCompletionSource? _room;
    private DataChannelState _state;
    private long _bufferedAmount; // as of the last send or decrease, to see the threshold crossed
    private long _bufferedAmountLowThreshold;
    private long _dropped;

    internal DataChannel(DataChannelTransport transport, string label, DataChannelInit init, ushort? id)
    {
        _transport = transport;
        Label = label;
        Protocol = init.Protocol;
        Ordered = init.Ordered;
        MaxRetransmits = init.MaxRetransmits;
        MaxPacketLifeTime = init.MaxPacketLifeTime;
        Negotiated = init.Negotiated;
        Priority = init.Priority;
        Id = id;
        _received = IsReliable
            ? Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleWriter = true })
            : Channel.CreateBounded<Received>(
                new BoundedChannelOptions(UnreliableQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
                _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The channel opened (W3C open). After an in-band open by us, the peer may not have acknowledged yet.</summary>
    public event Action? Opened;

    /// <summary>The channel closed (W3C close); raised once.</summary>
    public event Action? Closed;

    /// <summary>The channel failed (W3C error): the association was aborted or lost. <see cref="Closed"/> follows.</summary>
    public event Action<Exception>? Error;

    /// <summary><see cref="BufferedAmount"/> fell to or below <see cref="BufferedAmountLowThreshold"/> (W3C bufferedamountlow).</summary>
    public event Action? BufferedAmountLow;

    /// <summary>The label, as given to <see cref="PeerConnection.CreateDataChannel"/> or sent by the peer.</summary>
    public string Label { get; }

    /// <summary>The sub-protocol name.</summary>
    public string Protocol { get; }

    /// <summary>The SCTP stream id; null until the DTLS role is known (RFC 8832 §6: even for the client, odd for the server).</summary>
    public ushort? Id { get; internal set; }

    /// <summary>Whether messages are delivered in order.</summary>
    public bool Ordered { get; }

    /// <summary>The retransmission limit, or null.</summary>
    public int? MaxRetransmits { get; }

    /// <summary>The lifetime limit, or null.</summary>
    public TimeSpan? MaxPacketLifeTime { get; }

    /// <summary>True when the application negotiated the channel out of band.</summary>
    public bool Negotiated { get; }

    /// <summary>The announced priority.</summary>
    public DataChannelPriority Priority { get; }

    /// <summary>Where the channel is in its life.</summary>
    public DataChannelState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Bytes of sent messages not yet acknowledged by the peer's SCTP stack.</summary>
    public long BufferedAmount => _transport.GetBufferedAmount(this);

    /// <summary>The level at or below which <see cref="BufferedAmountLow"/> is raised (default 0).</summary>
    public long BufferedAmountLowThreshold
    {
        get => Interlocked.Read(ref _bufferedAmountLowThreshold);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Interlocked.Exchange(ref _bufferedAmountLowThreshold, value);
        }
    }

    /// <summary>Messages a partially reliable channel dropped because its reader fell <see cref="UnreliableQueueCapacity"/> behind.</summary>
    public long DroppedMessageCount => Interlocked.Read(ref _dropped);

    internal bool IsReliable => MaxRetransmits is null && MaxPacketLifeTime is null;

    /// <summary>Completes when the channel is open; fails if it closes first.</summary>
    public Task WaitForOpenAsync(CancellationToken cancellationToken = default) => _opened.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Sends a binary message. Completes when the message is in the send buffer; waits first while
    /// <see cref="BufferedAmount"/> is at or above <see cref="MaxBufferedAmount"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The channel is not open.</exception>
    /// <exception cref="ArgumentException">The message is larger than the peer's <c>a=max-message-size</c>.</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        SendAsync(data, isText: false, cancellationToken);

    /// <summary>Sends a text message as UTF-8 (see <see cref="SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>).</summary>
    /// <exception cref="InvalidOperationException">The channel is not open.</exception>
    /// <exception cref="ArgumentException">The message is larger than the peer's <c>a=max-message-size</c>.</exception>
    public ValueTask SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SendAsync(Encoding.UTF8.GetBytes(text), isText: true, cancellationToken);
    }

    /// <summary>The received messages in arrival order; ends when the channel closes.</summary>
    public async IAsyncEnumerable<DataChannelMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChannelReader<Received> reader = _received.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out Received item))
            {
                if (item.WindowBytes > 0)
                {
                    _transport.Consumed(item.WindowBytes);
                }

                yield return item.Message;
            }
        }
    }

    /// <summary>
    /// Closes the channel (W3C close; RFC 8831 §6.7): resets our outgoing stream and completes when the peer has reset
    /// its own, or at once when the association is gone. Idempotent.
    /// </summary>
    public async ValueTask CloseAsync()
    {
        bool start;
        lock (_lock)
        {
            start = _state is DataChannelState.Connecting or DataChannelState.Open;
            if (start)
            {
                _state = DataChannelState.Closing;
            }
        }

        if (start)
        {
            _transport.Close(this);
        }

        await _closed.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();

    /// <inheritdoc />
    public override string ToString() => $"DataChannel {Label} (id {Id?.ToString() ?? "unassigned"}, {State})";

    /// <summary>The transport opened the channel (DCEP sent or received, or a negotiated channel on an established association).</summary>
    internal void OnOpen()
    {
        lock (_lock)
        {
            if (_state != DataChannelState.Connecting)
            {
                return;
            }

            _state = DataChannelState.Open;
        }

        _opened.TrySetResult();
        _transport.Raise(Opened);
    }

    /// <summary>A message arrived; <paramref name="windowBytes"/> are what the association counts against its window until read.</summary>
    internal void OnMessage(byte[] data, int length, bool isText, int windowBytes)
    {
        var item = new Received(new DataChannelMessage(data.AsMemory(0, length), isText), IsReliable ? windowBytes : 0);
        if (!_received.Writer.TryWrite(item) && item.WindowBytes > 0)
        {
            // Completed: nobody will read it.
            _transport.Consumed(item.WindowBytes);
        }
    }

    /// <summary>The send buffer of this channel's stream shrank to <paramref name="bufferedAmount"/>.</summary>
    internal void OnBufferedAmountDecreased(long bufferedAmount)
    {
        long previous = Interlocked.Exchange(ref _bufferedAmount, bufferedAmount);
        long threshold = BufferedAmountLowThreshold;
        TaskCompletionSource? room = null;
        lock (_lock)
        {
            if (bufferedAmount < MaxBufferedAmount)
            {
                (room, _room) = (_room, null);
            }
        }

        room?.TrySetResult();
        if (previous > threshold && bufferedAmount <= threshold)
        {
            _transport.Raise(BufferedAmountLow);
        }
    }

    /// <summary>The channel is closed: both streams reset, or the association ended (with <paramref name="error"/> when it failed).</summary>
    internal void OnClosed(Exception? error)
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            if (_state == DataChannelState.Closed)
            {
                return;
            }

            _state = DataChannelState.Closed;
            (room, _room) = (_room, null);
        }

        room?.TrySetException(new InvalidOperationException($"The data channel '{Label}' closed before the message could be buffered."));
        _received.Writer.TryComplete();
        _opened.TrySetException(new InvalidOperationException($"The data channel '{Label}' closed before it opened.", error));
        _ = _opened.Task.Exception; // observed: nobody may be waiting for the open
        if (error is not null)
        {
            _transport.Raise(Error, error);
        }

        _transport.Raise(Closed);
        _closed.TrySetResult();
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> data, bool isText, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? room = null;
            lock (_lock)
            {
                if (_state != DataChannelState.Open)
                {
                    throw new InvalidOperationException($"The data channel '{Label}' is {_state}; messages can be sent only while it is open.");
                }

                if (_transport.GetBufferedAmount(this) >= MaxBufferedAmount)
                {
                    _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    room = _room.Task;
                }
            }

            if (room is null)
            {
                break;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _transport.Send(this, data.Span, isText);
        Interlocked.Exchange(ref _bufferedAmount, _transport.GetBufferedAmount(this));
    }

    /// <summary>A queued message and the window bytes to give back when it is read.</summary>
    private readonly record struct Received(DataChannelMessage Message, int WindowBytes);
}
