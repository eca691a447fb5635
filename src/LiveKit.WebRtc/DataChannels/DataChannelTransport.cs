using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using LiveKit.WebRtc.Dtls;
using LiveKit.WebRtc.Sctp;

namespace LiveKit.WebRtc.DataChannels;

/// <summary>
/// The data channels of one connection over its SCTP association (RFC 8831): stream ids by DTLS role, DCEP
/// (RFC 8832), message PPIDs, and closing by stream reset. The association runs once DTLS is up and an
/// <c>m=application</c> section is negotiated; channels created before that wait and open then.
/// </summary>
internal sealed class DataChannelTransport : ISctpAssociationHandler, IDtlsApplicationDataHandler
{
    /// <summary>RFC 8841 §6.1: the max-message-size when the peer's description has none.</summary>
    public const int DefaultRemoteMaxMessageSize = 65536;

    /// <summary>RFC 8841 §5.1: the SCTP port when the description names none; every WebRTC stack uses it.</summary>
    public const ushort DefaultSctpPort = 5000;

    // W3C createDataChannel: 65535 is not a valid id, 65534 is the highest.
    private const int MaxStreamId = 65534;

    /// <summary>RFC 8831 §6.6: what an empty message carries (the receiver ignores the byte).</summary>
    private static readonly byte[] EmptyMessagePayload = [0];

    private readonly IDataChannelOwner _owner;
    private readonly DataChannelTransportOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, DataChannel> _channels = new();
    private readonly List<DataChannel> _unassigned = new();
    private readonly HashSet<ushort> _awaitingAck = new();
    private SctpAssociation? _association;
    private DtlsRole? _role;
    private bool _established;
    private bool _closed;
    private int _remoteMaxMessageSize = DefaultRemoteMaxMessageSize;

    /// <summary>Creates the transport; nothing runs until <see cref="Start"/>.</summary>
    public DataChannelTransport(IDataChannelOwner owner, DataChannelTransportOptions options)
    {
        _owner = owner;
        _options = options;
    }

    /// <summary>The largest message the peer accepts (its <c>a=max-message-size</c>; 0 there means no limit).</summary>
    public int MaxSendMessageSize => Volatile.Read(ref _remoteMaxMessageSize);

    /// <summary>The association's counters, or null before it starts.</summary>
    public SctpAssociationStats? GetStats() => _association?.GetStats();

    /// <summary>Creates a channel (W3C createDataChannel). It opens when the association is up, or at once if it is.</summary>
    public DataChannel CreateChannel(string label, DataChannelInit init)
    {
        DataChannel channel;
        bool openNow;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (init.Id is ushort requested && (_channels.ContainsKey(requested) || requested > MaxStreamId))
            {
                throw new ArgumentException(
                    requested > MaxStreamId ? $"Stream id {requested} is above {MaxStreamId}." : $"A data channel with id {requested} exists already.",
                    nameof(init));
            }

            channel = new DataChannel(this, label, init, init.Id);
            if (channel.Id is ushort id)
            {
                _channels[id] = channel;
            }
            else if (_role is DtlsRole role)
            {
                ushort assigned = AllocateStreamId(role);
                channel.Id = assigned;
                _channels[assigned] = channel;
            }
            else
            {
                _unassigned.Add(channel);
            }

            openNow = _established;
        }

        if (openNow)
        {
            Open(channel);
        }

        return channel;
    }

    /// <summary>
    /// Starts the association over DTLS in <paramref name="role"/> once both are ready (RFC 8841 §9.3: both ends
    /// send INIT). <paramref name="remoteMaxMessageSize"/> is the peer's <c>a=max-message-size</c>, or null.
    /// </summary>
    public void Start(DtlsRole role, DtlsTransport dtls, int remotePort, ulong? remoteMaxMessageSize)
    {
        SctpAssociation association;
        lock (_lock)
        {
            if (_closed || _association is not null)
            {
                return;
            }

            _role = role;
            int maxSend = remoteMaxMessageSize switch
            {
                null => DefaultRemoteMaxMessageSize,
                0 => _options.MaxSendMessageSizeWhenUnlimited,
                ulong size => (int)Math.Min(size, (ulong)_options.MaxSendMessageSizeWhenUnlimited),
            };
            Volatile.Write(ref _remoteMaxMessageSize, maxSend);
            foreach (DataChannel channel in _unassigned)
            {
                ushort id = AllocateStreamId(role);
                channel.Id = id;
                _channels[id] = channel;
            }

            _unassigned.Clear();
            association = new SctpAssociation(new DtlsPacketSink(dtls), this, new SctpAssociationOptions
            {
                LocalPort = DefaultSctpPort,
                RemotePort = (ushort)remotePort,
                MaxSendMessageSize = maxSend,
                MaxReceiveMessageSize = _options.MaxReceiveMessageSize,
                TimeProvider = _options.TimeProvider,
                Random = _options.Random,
            });
            _association = association;
        }

        association.Start();
    }

    /// <summary>Stops everything: aborts the association (the peer learns at once) and closes every channel.</summary>
    public void Close()
    {
        SctpAssociation? association;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            association = _association;
        }

        association?.Abort("The peer connection was closed.");
        CloseAll(null);
    }

    /// <inheritdoc />
    void IDtlsApplicationDataHandler.OnApplicationData(ReadOnlySpan<byte> record) => _association?.HandlePacket(record);

    /// <inheritdoc />
    void IDtlsApplicationDataHandler.OnClosed(Exception? error)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _association?.Dispose();
        CloseAll(error is null ? null : new InvalidOperationException("The DTLS association under the data channels failed.", error));
    }

    /// <inheritdoc />
    void ISctpAssociationHandler.OnEstablished()
    {
        List<DataChannel> channels;
        lock (_lock)
        {
            _established = true;
            channels = new List<DataChannel>(_channels.Values);
        }

        foreach (DataChannel channel in channels)
        {
            Open(channel);
        }
    }

    /// <inheritdoc />
    void ISctpAssociationHandler.OnMessage(ushort streamId, uint payloadProtocolId, byte[] message)
    {
        if (payloadProtocolId == DataChannelPayloadProtocol.Dcep)
        {
            HandleDcep(streamId, message);
            return;
        }

        DataChannel? channel;
        lock (_lock)
        {
            _channels.TryGetValue(streamId, out channel);

            // RFC 8832 §6: data on the stream means the peer saw our OPEN; later sends may be unordered.
            _awaitingAck.Remove(streamId);
        }

        if (channel is null || channel.State is DataChannelState.Closed)
        {
            _association?.MessageConsumed(message.Length);
            _owner.CountDroppedMessage();
            return;
        }

        switch (payloadProtocolId)
        {
            case DataChannelPayloadProtocol.String:
                channel.OnMessage(message, message.Length, isText: true, message.Length);
                break;
            case DataChannelPayloadProtocol.Binary:
                channel.OnMessage(message, message.Length, isText: false, message.Length);
                break;
            case DataChannelPayloadProtocol.StringEmpty:
                channel.OnMessage(message, 0, isText: true, message.Length);
                break;
            case DataChannelPayloadProtocol.BinaryEmpty:
                channel.OnMessage(message, 0, isText: false, message.Length);
                break;
            default:
                // RFC 8831 §8: other PPIDs (the deprecated partial ones included) are not ours to interpret.
                _association?.MessageConsumed(message.Length);
                _owner.CountDroppedMessage();
                return;
        }

        if (!channel.IsReliable)
        {
            _association?.MessageConsumed(message.Length);
        }
    }

    /// <inheritdoc />
    void ISctpAssociationHandler.OnIncomingStreamsReset(ReadOnlySpan<ushort> streamIds)
    {
        // RFC 8831 §6.7: the peer closed; we reset our side too, and the channel is closed when both are.
        var toReset = new List<ushort>();
        var closed = new List<DataChannel>();
        lock (_lock)
        {
            foreach (ushort id in streamIds)
            {
                if (!_channels.TryGetValue(id, out DataChannel? channel))
                {
                    continue;
                }

                if (channel.State == DataChannelState.Closing)
                {
                    // We had asked first; the peer's reset completes the close.
                    _channels.Remove(id);
                    closed.Add(channel);
                }
                else
                {
                    toReset.Add(id);
                    _channels.Remove(id);
                    closed.Add(channel);
                }
            }
        }

        if (toReset.Count > 0)
        {
            _association?.ResetOutgoingStreams(toReset.ToArray());
        }

        foreach (DataChannel channel in closed)
        {
            channel.OnClosed(null);
        }
    }

    /// <inheritdoc />
    void ISctpAssociationHandler.OnOutgoingStreamsReset(ReadOnlySpan<ushort> streamIds)
    {
        // Our reset is done. The channel closes when the peer resets its side (OnIncomingStreamsReset); a peer that
        // only answers without resetting its own stream leaves the channel Closing, as browsers do.
    }

    /// <inheritdoc />
    void ISctpAssociationHandler.OnBufferedAmountDecreased(ushort streamId, long bufferedAmount)
    {
        DataChannel? channel;
        lock (_lock)
        {
            _channels.TryGetValue(streamId, out channel);
        }

        channel?.OnBufferedAmountDecreased(bufferedAmount);
    }

    /// <inheritdoc />
    void ISctpAssociationHandler.OnClosed(SctpCloseReason reason, string? detail)
    {
        bool closedByUs;
        lock (_lock)
        {
            closedByUs = _closed;
            _closed = true;
        }

        // Our own Close aborts the association on purpose: that is no error for the channels.
        bool orderly = closedByUs || reason == SctpCloseReason.Shutdown;
        CloseAll(orderly ? null : new InvalidOperationException($"The SCTP association ended: {reason}{(detail is null ? "" : " (" + detail + ")")}."));
    }

    /// <summary>The reader took <paramref name="bytes"/> of a reliable channel's messages: the window can open again.</summary>
    internal void Consumed(int bytes) => _association?.MessageConsumed(bytes);

    /// <summary>Bytes of <paramref name="channel"/>'s messages not yet acknowledged.</summary>
    internal long GetBufferedAmount(DataChannel channel) =>
        channel.Id is ushort id && _association is { } association ? association.GetBufferedAmount(id) : 0;

    /// <summary>Sends one message on the channel's stream with its PPID (RFC 8831 §6.6).</summary>
    internal void Send(DataChannel channel, ReadOnlySpan<byte> data, bool isText)
    {
        if (data.Length > MaxSendMessageSize)
        {
            throw new ArgumentException(
                $"The message has {data.Length} bytes; the peer accepts at most {MaxSendMessageSize} (its a=max-message-size, RFC 8841 §6).",
                nameof(data));
        }

        ushort id = channel.Id ?? throw new InvalidOperationException("The data channel has no stream id yet.");
        SctpAssociation association = _association ?? throw new InvalidOperationException("The data channel's association is not running.");
        bool awaitingAck;
        lock (_lock)
        {
            awaitingAck = _awaitingAck.Contains(id);
        }

        // RFC 8832 §6: until the peer answers our OPEN, user messages go ordered so that none overtakes it. They also go
        // reliably: abandoning ordered messages on a stream that then carries unordered ones stalls pion 3.1.56's
        // receive window (its FORWARD TSN handling), and the messages sent before the ACK are few.
        bool unordered = !channel.Ordered && !awaitingAck;
        int? maxRetransmits = awaitingAck ? null : channel.MaxRetransmits;
        TimeSpan? maxLifetime = awaitingAck ? null : channel.MaxPacketLifeTime;

        uint ppid;
        ReadOnlySpan<byte> payload = data;
        if (data.IsEmpty)
        {
            // RFC 8831 §6.6: an empty message is one byte with an "empty" PPID.
            ppid = isText ? DataChannelPayloadProtocol.StringEmpty : DataChannelPayloadProtocol.BinaryEmpty;
            payload = EmptyMessagePayload;
        }
        else
        {
            ppid = isText ? DataChannelPayloadProtocol.String : DataChannelPayloadProtocol.Binary;
        }

        SctpSendStatus status = association.Send(id, ppid, payload, unordered, maxRetransmits, maxLifetime);
        if (status != SctpSendStatus.Ok)
        {
            throw new InvalidOperationException($"The data channel '{channel.Label}' could not send: {status}.");
        }
    }

    /// <summary>Starts closing <paramref name="channel"/>: resets our outgoing stream (RFC 8831 §6.7).</summary>
    internal void Close(DataChannel channel)
    {
        SctpAssociation? association;
        lock (_lock)
        {
            association = _established && !_closed && channel.Id is ushort ? _association : null;
            if (association is null)
            {
                if (channel.Id is ushort id)
                {
                    _channels.Remove(id);
                }

                _unassigned.Remove(channel);
            }
        }

        if (association is null)
        {
            channel.OnClosed(null);
            return;
        }

        association.ResetOutgoingStreams(new[] { channel.Id!.Value });
    }

    /// <summary>Invokes an event of a channel, counting (not propagating) a handler's exception.</summary>
    internal void Raise(Action? handler) => _owner.Raise(handler);

    /// <summary>Invokes an event of a channel, counting (not propagating) a handler's exception.</summary>
    internal void Raise<T>(Action<T>? handler, T value) => _owner.Raise(handler, value);

    private void Open(DataChannel channel)
    {
        if (channel.Negotiated)
        {
            channel.OnOpen();
            return;
        }

        // RFC 8832 §6: the OPEN goes reliable and ordered on the channel's own stream.
        ushort id = channel.Id!.Value;
        var open = new DcepOpen(
            channel.Label,
            channel.Protocol,
            channel.Ordered,
            channel.MaxRetransmits,
            channel.MaxPacketLifeTime is TimeSpan lifetime ? (uint)Math.Clamp(lifetime.TotalMilliseconds, 0, uint.MaxValue) : null,
            DataChannelPriorities.ToWire(channel.Priority));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(DcepMessage.OpenSize(open.Label, open.Protocol));
        try
        {
            int length = DcepMessage.WriteOpen(buffer, open);
            lock (_lock)
            {
                _awaitingAck.Add(id);
            }

            if (_association!.Send(id, DataChannelPayloadProtocol.Dcep, buffer.AsSpan(0, length), false, null, null) != SctpSendStatus.Ok)
            {
                channel.OnClosed(new InvalidOperationException($"Could not send DATA_CHANNEL_OPEN for '{channel.Label}'."));
                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Like browsers, the opener may send at once; ordering until the ACK keeps the OPEN first.
        channel.OnOpen();
    }

    private void HandleDcep(ushort streamId, byte[] message)
    {
        _association?.MessageConsumed(message.Length);
        if (message.Length == 1 && message[0] == DcepMessage.AckType)
        {
            lock (_lock)
            {
                _awaitingAck.Remove(streamId);
            }

            return;
        }

        if (!DcepMessage.TryParseOpen(message, out DcepOpen open))
        {
            _owner.CountDroppedMessage();
            return;
        }

        DataChannel channel;
        lock (_lock)
        {
            // RFC 8832 §6: the peer opens on streams of its own parity; one that collides with ours is refused.
            bool peerParity = _role is DtlsRole role && (streamId % 2 == 0) == (role == DtlsRole.Server);
            if (_closed || !peerParity || _channels.ContainsKey(streamId))
            {
                _owner.CountDroppedMessage();
                return;
            }

            channel = new DataChannel(this, open.Label, new DataChannelInit
            {
                Ordered = open.Ordered,
                MaxRetransmits = open.MaxRetransmits,
                MaxPacketLifeTime = open.MaxPacketLifeTimeMilliseconds is uint ms ? TimeSpan.FromMilliseconds(ms) : null,
                Protocol = open.Protocol,
                Priority = DataChannelPriorities.FromWire(open.Priority),
            }, streamId);
            _channels[streamId] = channel;
        }

        ReadOnlySpan<byte> ack = [DcepMessage.AckType];
        _association?.Send(streamId, DataChannelPayloadProtocol.Dcep, ack, false, null, null);
        channel.OnOpen();
        _owner.OnChannelReceived(channel);
    }

    private ushort AllocateStreamId(DtlsRole role)
    {
        // RFC 8832 §6: the DTLS client uses even stream ids, the server odd ones.
        for (int id = role == DtlsRole.Client ? 0 : 1; id <= MaxStreamId; id += 2)
        {
            if (!_channels.ContainsKey((ushort)id))
            {
                return (ushort)id;
            }
        }

        throw new InvalidOperationException("Every stream id of our parity is in use.");
    }

    private void CloseAll(Exception? error)
    {
        List<DataChannel> channels;
        lock (_lock)
        {
            channels = new List<DataChannel>(_channels.Values);
            channels.AddRange(_unassigned);
            _channels.Clear();
            _unassigned.Clear();
        }

        foreach (DataChannel channel in channels)
        {
            channel.OnClosed(error);
        }
    }

    /// <summary>Sends SCTP packets as DTLS application data records (RFC 8261 §5).</summary>
    private sealed class DtlsPacketSink(DtlsTransport dtls) : ISctpPacketSink
    {
        public void SendPacket(ReadOnlySpan<byte> packet)
        {
            if (dtls.IsConnected)
            {
                dtls.Send(packet);
            }
        }
    }
}
