using System;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Messages waiting to be cut into DATA chunks, per outgoing stream, taken round-robin one whole message at a time
/// (the chunks of a message need consecutive TSNs, RFC 9260 §6.9). Owns each stream's sequence number (§6.6), its
/// buffered amount (bytes sent by the user and not yet acknowledged or given up) and its reset state (RFC 6525).
/// </summary>
internal sealed class SctpSendQueue
{
    private readonly Dictionary<ushort, OutboundStream> _streams = new();
    private readonly Queue<OutboundStream> _ready = new();
    private readonly List<ushort> _decreased = new();
    private OutboundStream? _currentStream;
    private SctpOutboundMessage? _current;

    /// <summary>Bytes buffered over all streams.</summary>
    public long TotalBuffered { get; private set; }

    /// <summary>True when some message has bytes not yet cut into chunks.</summary>
    public bool HasData => _current is not null || _ready.Count > 0;

    /// <summary>The message being cut into chunks, if it is not finished.</summary>
    public SctpOutboundMessage? Current => _current;

    /// <summary>Streams whose buffered amount went down since <see cref="ClearDecreased"/>, each once.</summary>
    public IReadOnlyList<ushort> Decreased => _decreased;

    /// <summary>
    /// Bytes not yet cut of the message the next chunk comes from (the current one, else the next stream's first), or
    /// zero when nothing waits; lets the sender avoid cutting a tiny chunk to fit a tiny peer window.
    /// </summary>
    public int PeekRemaining()
    {
        if (_current is not null)
        {
            return _current.Length - _current.FragmentedBytes;
        }

        return _ready.TryPeek(out OutboundStream? stream) && stream.Messages.TryPeek(out SctpOutboundMessage? next) ? next.Length : 0;
    }

    /// <summary>Queues a message; its bytes count as buffered from now on.</summary>
    public void Enqueue(SctpOutboundMessage message)
    {
        OutboundStream stream = GetStream(message.StreamId);
        stream.Messages.Enqueue(message);
        stream.Buffered += message.Length;
        TotalBuffered += message.Length;
        if (!stream.Ready && stream != _currentStream)
        {
            stream.Ready = true;
            _ready.Enqueue(stream);
        }
    }

    /// <summary>The buffered amount of <paramref name="streamId"/>.</summary>
    public long GetBufferedAmount(ushort streamId) => _streams.TryGetValue(streamId, out OutboundStream? stream) ? stream.Buffered : 0;

    /// <summary>
    /// Cuts the next chunk of at most <paramref name="maxPayload"/> bytes, continuing the current message or starting
    /// the next stream's. Messages whose lifetime ended before their first chunk are dropped on the way (handed to
    /// <paramref name="expired"/> for counting) without using a sequence number. False when nothing is left.
    /// </summary>
    public bool TryNextChunk(int maxPayload, long now, out SctpOutboundMessage message, out int offset, out int length, out byte flags, List<SctpOutboundMessage>? expired = null)
    {
        message = null!;
        offset = 0;
        length = 0;
        flags = 0;
        if (maxPayload <= 0)
        {
            return false;
        }

        while (_current is null)
        {
            if (!_ready.TryDequeue(out OutboundStream? stream))
            {
                return false;
            }

            stream.Ready = false;
            if (!stream.Messages.TryDequeue(out SctpOutboundMessage? next))
            {
                continue;
            }

            if (now > next.ExpiresAt)
            {
                // RFC 3758 §3.5 / RFC 8831 §6.6: a message past its lifetime before it was ever sent is simply not sent.
                next.Abandoned = true;
                Release(stream, next, next.Length - next.ReleasedBytes);
                next.ReturnBuffer();
                expired?.Add(next);
                Requeue(stream);
                continue;
            }

            if (!next.Unordered)
            {
                next.Ssn = stream.NextSsn++;
            }

            _current = next;
            _currentStream = stream;
        }

        message = _current;
        offset = message.FragmentedBytes;
        length = Math.Min(maxPayload, message.Length - offset);
        flags = message.Unordered ? SctpDataChunk.UnorderedFlag : (byte)0;
        if (offset == 0)
        {
            flags |= SctpDataChunk.BeginningFlag;
        }

        message.FragmentedBytes += length;
        if (message.FullyFragmented)
        {
            flags |= SctpDataChunk.EndingFlag;
            FinishCurrent();
        }

        return true;
    }

    /// <summary>Stops cutting the current message (it was abandoned); the rest of it is never sent.</summary>
    public void DropCurrent()
    {
        if (_current is not null)
        {
            FinishCurrent();
        }
    }

    /// <summary>Bytes of <paramref name="message"/> were acknowledged or given up: they leave the buffered amount.</summary>
    public void Release(SctpOutboundMessage message, int bytes)
    {
        if (_streams.TryGetValue(message.StreamId, out OutboundStream? stream))
        {
            Release(stream, message, bytes);
        }
    }

    /// <summary>Forgets which streams' buffered amount went down.</summary>
    public void ClearDecreased()
    {
        foreach (ushort id in _decreased)
        {
            if (_streams.TryGetValue(id, out OutboundStream? stream))
            {
                stream.Decreased = false;
            }
        }

        _decreased.Clear();
    }

    /// <summary>Marks <paramref name="streamId"/> as being reset: the caller refuses new messages for it.</summary>
    public void BeginReset(ushort streamId) => GetStream(streamId).Resetting = true;

    /// <summary>True while a reset of <paramref name="streamId"/> is pending.</summary>
    public bool IsResetting(ushort streamId) => _streams.TryGetValue(streamId, out OutboundStream? stream) && stream.Resetting;

    /// <summary>True when <paramref name="streamId"/> has bytes not yet cut into chunks.</summary>
    public bool HasUnsentData(ushort streamId) =>
        _streams.TryGetValue(streamId, out OutboundStream? stream) && (stream.Messages.Count > 0 || _currentStream == stream);

    /// <summary>The reset of <paramref name="streamId"/> was performed: its next message uses SSN 0 (RFC 6525 §5.1.2).</summary>
    public void CompleteReset(ushort streamId)
    {
        OutboundStream stream = GetStream(streamId);
        stream.Resetting = false;
        stream.NextSsn = 0;
    }

    /// <summary>Drops every queued message, returning their buffers.</summary>
    public void Clear()
    {
        _current = null;
        _currentStream = null;
        _ready.Clear();
        foreach (OutboundStream stream in _streams.Values)
        {
            while (stream.Messages.TryDequeue(out SctpOutboundMessage? message))
            {
                message.ReturnBuffer();
            }

            stream.Ready = false;
            stream.Buffered = 0;
        }

        TotalBuffered = 0;
    }

    private OutboundStream GetStream(ushort streamId)
    {
        if (!_streams.TryGetValue(streamId, out OutboundStream? stream))
        {
            stream = new OutboundStream(streamId);
            _streams.Add(streamId, stream);
        }

        return stream;
    }

    private void FinishCurrent()
    {
        OutboundStream stream = _currentStream!;
        _current = null;
        _currentStream = null;
        Requeue(stream);
    }

    private void Requeue(OutboundStream stream)
    {
        if (stream.Messages.Count > 0 && !stream.Ready)
        {
            stream.Ready = true;
            _ready.Enqueue(stream);
        }
    }

    private void Release(OutboundStream stream, SctpOutboundMessage message, int bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        message.ReleasedBytes += bytes;
        stream.Buffered -= bytes;
        TotalBuffered -= bytes;
        if (!stream.Decreased)
        {
            stream.Decreased = true;
            _decreased.Add(stream.Id);
        }
    }

    private sealed class OutboundStream(ushort id)
    {
        public ushort Id { get; } = id;

        public Queue<SctpOutboundMessage> Messages { get; } = new();

        public ushort NextSsn { get; set; }

        public long Buffered { get; set; }

        public bool Ready { get; set; }

        public bool Resetting { get; set; }

        public bool Decreased { get; set; }
    }
}
