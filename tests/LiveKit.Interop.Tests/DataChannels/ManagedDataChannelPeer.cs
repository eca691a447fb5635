using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using LiveKit.WebRtc.Tests.Relay;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// A second connection of our own stack as an <see cref="IDataChannelPeer"/>, so that the scenarios run between two of
/// ours as they do against pion and Chromium. It reads every channel it has (one reader each), checks, keeps and echoes
/// as the real peers do.
/// </summary>
internal sealed class ManagedDataChannelPeer : IDataChannelPeer
{
    private readonly PeerConnection _connection;
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _channels = [];
    private readonly Dictionary<string, ReceiveSpec> _expected = [];
    private readonly Dictionary<string, List<TaskCompletionSource>> _awaiting = [];
    private readonly List<PeerChannelInfo> _remote = [];

    /// <summary>Plays the peer with <paramref name="connection"/>, reading every channel it gets or makes.</summary>
    public ManagedDataChannelPeer(PeerConnection connection)
    {
        _connection = connection;
        connection.DataChannelReceived += channel =>
        {
            Entry entry = Add(channel, remote: true);
            lock (_gate)
            {
                _remote.Add(Describe(entry));
            }
        };
    }

    /// <inheritdoc />
    public string Name => "ours (second connection)";

    /// <inheritdoc />
    public int MaxReceivableMessageSize => 262144;

    /// <inheritdoc />
    public string Diagnostics => $"{_connection.ConnectionState}; {_connection.GetStats()}";

    /// <inheritdoc />
    public IReadOnlyList<PeerChannelInfo> RemoteChannels
    {
        get
        {
            lock (_gate)
            {
                return _remote.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public async Task<Task> NegotiateAsync(PeerConnection ours, bool weOffer, CancellationToken cancellationToken)
    {
        Task trickling = Task.WhenAll(Trickle(ours, _connection, cancellationToken), Trickle(_connection, ours, cancellationToken));
        (PeerConnection offerer, PeerConnection answerer) = weOffer ? (ours, _connection) : (_connection, ours);
        SessionDescriptionInit offer = await offerer.CreateOfferAsync(cancellationToken);
        await offerer.SetLocalDescriptionAsync(offer, cancellationToken);
        await answerer.SetRemoteDescriptionAsync(offer, cancellationToken);
        SessionDescriptionInit answer = await answerer.CreateAnswerAsync(cancellationToken);
        await answerer.SetLocalDescriptionAsync(answer, cancellationToken);
        await offerer.SetRemoteDescriptionAsync(answer, cancellationToken);
        return trickling;
    }

    /// <inheritdoc />
    public Task<PeerChannelInfo> CreateDataChannelAsync(string label, PeerChannelInit? init, ReceiveSpec? receive, CancellationToken cancellationToken)
    {
        init ??= new PeerChannelInit();
        if (receive is not null)
        {
            lock (_gate)
            {
                _expected[label] = receive;
            }
        }

        DataChannel channel = _connection.CreateDataChannel(label, new DataChannelInit
        {
            Ordered = init.Ordered ?? true,
            MaxRetransmits = init.MaxRetransmits,
            MaxPacketLifeTime = init.MaxPacketLifeTime,
            Protocol = init.Protocol ?? "",
            Negotiated = init.Negotiated ?? false,
            Id = init.Id,
        });
        return Task.FromResult(Describe(Add(channel, remote: false)));
    }

    /// <inheritdoc />
    public Task ExpectMessagesAsync(string label, ReceiveSpec receive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_channels.ContainsKey(label))
            {
                throw new InvalidOperationException($"{label} exists already: set its spec before it does");
            }

            _expected[label] = receive;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PeerChannelInfo> WaitForChannelAsync(string label, bool open, CancellationToken cancellationToken)
    {
        Task exists;
        lock (_gate)
        {
            if (!_channels.ContainsKey(label))
            {
                var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_awaiting.TryGetValue(label, out List<TaskCompletionSource>? list))
                {
                    _awaiting[label] = list = [];
                }

                list.Add(source);
                exists = source.Task;
            }
            else
            {
                exists = Task.CompletedTask;
            }
        }

        await exists.WaitAsync(cancellationToken);
        Entry entry = Get(label);
        if (open)
        {
            await entry.Channel.WaitForOpenAsync(cancellationToken);
        }

        return Describe(entry);
    }

    /// <inheritdoc />
    public async Task<PeerSendResult> SendMessagesAsync(
        string label, MessageShape shape, int count, (string Label, MessageShape Shape, int Count)? with, long? highWater,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        DataChannel channel = Get(label).Channel;
        if (with is { } other)
        {
            (long first, long second) = await DataChannelTraffic.SendInterleavedAsync(
                channel, shape, count, Get(other.Label).Channel, other.Shape, other.Count, cancellationToken, highWater);
            return new PeerSendResult(count, first, other.Count, second, clock.Elapsed);
        }

        long bytes = await DataChannelTraffic.SendAsync(channel, shape, count, cancellationToken);
        return new PeerSendResult(count, bytes, 0, 0, clock.Elapsed);
    }

    /// <inheritdoc />
    public async Task SendDataAsync(string label, byte[] data, CancellationToken cancellationToken) =>
        await Get(label).Channel.SendAsync(data, cancellationToken);

    /// <inheritdoc />
    public async Task SendTextAsync(string label, string text, CancellationToken cancellationToken) =>
        await Get(label).Channel.SendAsync(text, cancellationToken);

    /// <inheritdoc />
    public async Task<PeerChannelReport> WaitForMessagesAsync(string label, long count, CancellationToken cancellationToken)
    {
        Entry entry = Get(label);
        Task reached;
        lock (entry)
        {
            if (entry.Received >= count)
            {
                return entry.Report();
            }

            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            entry.Waiters.Add((count, source));
            reached = source.Task;
        }

        await reached.WaitAsync(cancellationToken);
        lock (entry)
        {
            return entry.Report();
        }
    }

    /// <inheritdoc />
    public Task<PeerChannelReport> GetChannelReportAsync(string label, CancellationToken cancellationToken)
    {
        Entry entry = Get(label);
        lock (entry)
        {
            return Task.FromResult(entry.Report());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PeerMessage>> GetMessagesAsync(string label, CancellationToken cancellationToken)
    {
        Entry entry = Get(label);
        lock (entry)
        {
            return Task.FromResult<IReadOnlyList<PeerMessage>>(entry.Kept.ToArray());
        }
    }

    /// <inheritdoc />
    public async Task CloseDataChannelAsync(string label, CancellationToken cancellationToken) =>
        await Get(label).Channel.CloseAsync().AsTask().WaitAsync(cancellationToken);

    private static PeerChannelInfo Describe(Entry entry)
    {
        DataChannel c = entry.Channel;
        string state = c.State.ToString().ToLowerInvariant();
        return new PeerChannelInfo(entry.Label, c.Id, c.Ordered, c.MaxRetransmits, c.MaxPacketLifeTime, c.Protocol, c.Negotiated, state, entry.Remote);
    }

    private static async Task Trickle(PeerConnection from, PeerConnection to, CancellationToken cancellationToken)
    {
        var candidates = Channel.CreateUnbounded<IceCandidateInit>();
        from.IceCandidateGathered += c => candidates.Writer.TryWrite(c);
        await foreach (IceCandidateInit candidate in candidates.Reader.ReadAllAsync(cancellationToken))
        {
            to.AddIceCandidate(candidate);
            if (candidate.IsEndOfCandidates)
            {
                return;
            }
        }
    }

    private Entry Get(string label)
    {
        lock (_gate)
        {
            return _channels.TryGetValue(label, out Entry? entry) ? entry : throw new InvalidOperationException($"no data channel labelled {label}");
        }
    }

    private Entry Add(DataChannel channel, bool remote)
    {
        List<TaskCompletionSource>? awaiting;
        Entry entry;
        lock (_gate)
        {
            _expected.Remove(channel.Label, out ReceiveSpec? spec);
            entry = new Entry(channel, channel.Label, spec ?? new ReceiveSpec { Keep = 100 }, remote);
            _channels[channel.Label] = entry;
            _awaiting.Remove(channel.Label, out awaiting);
        }

        entry.Start();
        foreach (TaskCompletionSource source in awaiting ?? [])
        {
            source.TrySetResult();
        }

        return entry;
    }

    /// <summary>One channel and its reader: what arrived, checked, kept and echoed.</summary>
    private sealed class Entry(DataChannel channel, string label, ReceiveSpec spec, bool remote)
    {
        private readonly MessageVerifier? _verifier = spec.Shape is MessageShape shape ? new MessageVerifier(shape, spec.Count) : null;
        private long _bytes;

        /// <summary>The channel.</summary>
        public DataChannel Channel => channel;

        /// <summary>Its label.</summary>
        public string Label => label;

        /// <summary>Opened by the other side.</summary>
        public bool Remote { get; } = remote;

        /// <summary>Messages read so far (under the entry's lock).</summary>
        public long Received { get; private set; }

        /// <summary>The first messages, as many as the spec keeps (under the entry's lock).</summary>
        public List<PeerMessage> Kept { get; } = [];

        /// <summary>Waits for a count of messages (under the entry's lock).</summary>
        public List<(long Count, TaskCompletionSource Source)> Waiters { get; } = [];

        /// <summary>Starts the reader.</summary>
        public void Start() => _ = Task.Run(ReadAsync);

        /// <summary>What arrived so far (call under the entry's lock).</summary>
        public PeerChannelReport Report() => new(
            label, channel.State.ToString().ToLowerInvariant(), Received, _bytes, _verifier?.ToReport(), null, null, null);

        private async Task ReadAsync()
        {
            await foreach (DataChannelMessage message in channel.ReadAllAsync())
            {
                lock (this)
                {
                    Received++;
                    _bytes += message.Data.Length;
                    if (Kept.Count < spec.Keep)
                    {
                        Kept.Add(new PeerMessage(message.Data.ToArray(), message.IsText));
                    }

                    _verifier?.Accept(message.Data.Span);
                    foreach ((long count, TaskCompletionSource source) in Waiters.Where(w => w.Count <= Received).ToArray())
                    {
                        source.TrySetResult();
                        Waiters.Remove((count, source));
                    }
                }

                if (spec.Echo)
                {
                    await (message.IsText ? channel.SendAsync(message.GetText()) : channel.SendAsync(message.Data.ToArray()));
                }
            }
        }
    }
}
