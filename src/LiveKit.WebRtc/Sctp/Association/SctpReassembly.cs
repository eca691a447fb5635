using System;
using System.Buffers;
using System.Collections.Generic;

namespace LiveKit.WebRtc.Sctp;

/// <summary>
/// Turns DATA chunks into user messages (RFC 9260 §6.5, §6.6, §6.9): joins the fragments of a message (B to E over
/// consecutive TSNs), hands unordered messages over at once and ordered ones in stream sequence order, and skips what
/// a FORWARD TSN abandons (RFC 3758 §3.6) or a stream reset renumbers (RFC 6525 §5.2.2).
/// </summary>
/// <remarks>
/// A message in one chunk is copied once, into the array handed over. A fragment is copied into a buffer of our own
/// pool until its message is whole, then once more into the message; once warm, reassembly allocates nothing but the
/// messages (the shared ArrayPool would, with hundreds of fragments held at once). Fragments wait in one array sorted
/// by TSN; they arrive mostly in order, so insertion is mostly an append and completion is checked only when a
/// fragment can complete a message (it is an E fragment or fills a hole).
/// </remarks>
internal sealed class SctpReassembly
{
    // Fragment buffers: big enough for a DATA chunk of any common path MTU; larger ones come from the shared pool.
    private const int FragmentBufferSize = 2048;
    private const int MaxPooledFragmentBuffers = 1024;

    private readonly Stack<byte[]> _fragmentBuffers = new();
    private readonly int _maxMessageSize;
    private readonly Dictionary<ushort, InboundStream> _streams = new();
    private Fragment[] _fragments = new Fragment[64];
    private int _count;

    /// <summary>Starts empty; messages above <paramref name="maxMessageSize"/> bytes are refused.</summary>
    public SctpReassembly(int maxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 1);
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Bytes received but not handed over: fragments of incomplete messages and ordered messages that wait for earlier ones.</summary>
    public long BytesHeld { get; private set; }

    /// <summary>Fragments waiting for the rest of their message.</summary>
    public int FragmentCount => _count;

    /// <summary>
    /// Takes one new (not duplicate) DATA chunk; messages it completes, and ordered ones it unblocks, are appended to
    /// <paramref name="delivered"/>. False when the message it belongs to is larger than the limit: the chunk is not
    /// kept, and the caller treats the peer as broken (it ignored our a=max-message-size, RFC 8841 §6).
    /// </summary>
    public bool Add(uint tsn, ushort streamId, ushort ssn, uint ppid, byte flags, ReadOnlySpan<byte> payload, List<SctpReceivedMessage> delivered)
    {
        bool unordered = (flags & SctpDataChunk.UnorderedFlag) != 0;
        const byte BeginEnd = SctpDataChunk.BeginningFlag | SctpDataChunk.EndingFlag;
        if ((flags & BeginEnd) == BeginEnd)
        {
            if (payload.Length > _maxMessageSize)
            {
                return false;
            }

            if (unordered)
            {
                delivered.Add(new SctpReceivedMessage(streamId, ppid, payload.ToArray()));
            }
            else
            {
                DeliverOrdered(GetStream(streamId), new SctpReceivedMessage(streamId, ppid, payload.ToArray()), ssn, delivered);
            }

            return true;
        }

        int index = FindInsertIndex(tsn);
        if (index < _count && _fragments[index].Tsn == tsn)
        {
            // The TSN tracker filters duplicates; a second copy here would be a caller bug. Keep the first.
            return true;
        }

        // While fragments arrive in order, keep a running size so an oversized message is refused before it fills the window.
        int runBytes = -1;
        if ((flags & SctpDataChunk.BeginningFlag) != 0)
        {
            runBytes = payload.Length;
        }
        else if (index > 0)
        {
            ref Fragment previous = ref _fragments[index - 1];
            if (previous.Tsn + 1 == tsn && previous.RunBytes >= 0 && (previous.Flags & SctpDataChunk.EndingFlag) == 0
                && SameMessage(previous, streamId, ssn, flags))
            {
                runBytes = previous.RunBytes + payload.Length;
            }
        }

        if (runBytes > _maxMessageSize)
        {
            return false;
        }

        byte[] buffer = payload.Length <= FragmentBufferSize && _fragmentBuffers.TryPop(out byte[]? pooled)
            ? pooled
            : payload.Length <= FragmentBufferSize ? new byte[FragmentBufferSize] : ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(buffer);
        Insert(index, new Fragment
        {
            Tsn = tsn,
            StreamId = streamId,
            Ssn = ssn,
            Ppid = ppid,
            Flags = flags,
            Buffer = buffer,
            Length = payload.Length,
            RunBytes = runBytes,
        });
        BytesHeld += payload.Length;

        bool nextIsAdjacent = index + 1 < _count && _fragments[index + 1].Tsn == tsn + 1;
        if ((flags & SctpDataChunk.EndingFlag) == 0 && !nextIsAdjacent)
        {
            return true;
        }

        return TryComplete(index, delivered);
    }

    /// <summary>
    /// A FORWARD TSN moved the cumulative TSN to <paramref name="cumulativeTsn"/>: fragments at or below it belong to
    /// abandoned messages and are dropped (RFC 3758 §3.6).
    /// </summary>
    public void DiscardThrough(uint cumulativeTsn)
    {
        int drop = 0;
        while (drop < _count && SctpSerial.IsLessOrEqual(_fragments[drop].Tsn, cumulativeTsn))
        {
            Release(ref _fragments[drop]);
            drop++;
        }

        RemoveFragments(0, drop);
    }

    /// <summary>
    /// A FORWARD TSN skipped ordered messages of <paramref name="streamId"/> up to <paramref name="ssn"/>: the stream
    /// now expects <paramref name="ssn"/> + 1, after handing over the skipped range's whole messages that were
    /// waiting, and then whatever that unblocks (RFC 3758 §3.6).
    /// </summary>
    public void SkipStream(ushort streamId, ushort ssn, List<SctpReceivedMessage> delivered)
    {
        InboundStream stream = GetStream(streamId);
        if (SctpSerial.IsLess(ssn, stream.NextSsn))
        {
            return;
        }

        // Fragments of skipped ordered messages of this stream can never complete.
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Fragment fragment = ref _fragments[i];
            bool skipped = fragment.StreamId == streamId && (fragment.Flags & SctpDataChunk.UnorderedFlag) == 0
                && SctpSerial.IsLessOrEqual(fragment.Ssn, ssn) && SctpSerial.IsGreaterOrEqual(fragment.Ssn, stream.NextSsn);
            if (skipped)
            {
                Release(ref fragment);
            }
            else
            {
                _fragments[kept++] = fragment;
            }
        }

        Array.Clear(_fragments, kept, _count - kept);
        _count = kept;

        if (stream.Pending is { Count: > 0 } pending)
        {
            for (ushort next = stream.NextSsn; SctpSerial.IsLessOrEqual(next, ssn) && pending.Count > 0; next++)
            {
                if (pending.Remove(next, out SctpReceivedMessage message))
                {
                    BytesHeld -= message.Data.Length;
                    delivered.Add(message);
                }
            }
        }

        stream.NextSsn = (ushort)(ssn + 1);
        DrainPending(stream, delivered);
    }

    /// <summary>The peer reset its outgoing <paramref name="streamId"/> (RFC 6525 §5.2.2): it starts again at SSN 0.</summary>
    public void ResetStream(ushort streamId)
    {
        if (!_streams.TryGetValue(streamId, out InboundStream? stream))
        {
            return;
        }

        if (stream.Pending is { } pending)
        {
            foreach (SctpReceivedMessage message in pending.Values)
            {
                BytesHeld -= message.Data.Length;
            }

            pending.Clear();
        }

        stream.NextSsn = 0;
    }

    /// <summary>The streams that have received ordered data, for a reset of all streams.</summary>
    public IEnumerable<ushort> KnownStreams => _streams.Keys;

    /// <summary>Returns every pooled buffer; the reassembly is empty afterwards.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            Release(ref _fragments[i]);
        }

        Array.Clear(_fragments, 0, _count);
        _count = 0;
        _streams.Clear();
        _fragmentBuffers.Clear();
        BytesHeld = 0;
    }

    private static bool SameMessage(in Fragment fragment, ushort streamId, ushort ssn, byte flags) =>
        fragment.StreamId == streamId
        && ((fragment.Flags ^ flags) & SctpDataChunk.UnorderedFlag) == 0
        && ((flags & SctpDataChunk.UnorderedFlag) != 0 || fragment.Ssn == ssn);

    private InboundStream GetStream(ushort streamId)
    {
        if (!_streams.TryGetValue(streamId, out InboundStream? stream))
        {
            stream = new InboundStream();
            _streams.Add(streamId, stream);
        }

        return stream;
    }

    // Looks for the whole message around the fragment at index: B at or before it, E at or after it, consecutive TSNs.
    private bool TryComplete(int index, List<SctpReceivedMessage> delivered)
    {
        ref Fragment anchor = ref _fragments[index];
        int first = index;
        while ((_fragments[first].Flags & SctpDataChunk.BeginningFlag) == 0)
        {
            if (first == 0)
            {
                return true;
            }

            ref Fragment previous = ref _fragments[first - 1];
            if (previous.Tsn + 1 != _fragments[first].Tsn || (previous.Flags & SctpDataChunk.EndingFlag) != 0
                || !SameMessage(previous, anchor.StreamId, anchor.Ssn, anchor.Flags))
            {
                return true;
            }

            first--;
        }

        int last = index;
        while ((_fragments[last].Flags & SctpDataChunk.EndingFlag) == 0)
        {
            if (last + 1 == _count)
            {
                return true;
            }

            ref Fragment next = ref _fragments[last + 1];
            if (_fragments[last].Tsn + 1 != next.Tsn || (next.Flags & SctpDataChunk.BeginningFlag) != 0
                || !SameMessage(next, anchor.StreamId, anchor.Ssn, anchor.Flags))
            {
                return true;
            }

            last++;
        }

        long total = 0;
        for (int i = first; i <= last; i++)
        {
            total += _fragments[i].Length;
        }

        if (total > _maxMessageSize)
        {
            return false;
        }

        byte[] data = new byte[total];
        int offset = 0;
        for (int i = first; i <= last; i++)
        {
            ref Fragment fragment = ref _fragments[i];
            fragment.Buffer.AsSpan(0, fragment.Length).CopyTo(data.AsSpan(offset));
            offset += fragment.Length;
        }

        ushort streamId = _fragments[first].StreamId;
        ushort ssn = _fragments[first].Ssn;
        uint ppid = _fragments[first].Ppid;
        bool unordered = (_fragments[first].Flags & SctpDataChunk.UnorderedFlag) != 0;
        for (int i = first; i <= last; i++)
        {
            Release(ref _fragments[i]);
        }

        RemoveFragments(first, last - first + 1);
        var message = new SctpReceivedMessage(streamId, ppid, data);
        if (unordered)
        {
            delivered.Add(message);
        }
        else
        {
            DeliverOrdered(GetStream(streamId), message, ssn, delivered);
        }

        return true;
    }

    private void DeliverOrdered(InboundStream stream, SctpReceivedMessage message, ushort ssn, List<SctpReceivedMessage> delivered)
    {
        if (ssn == stream.NextSsn)
        {
            delivered.Add(message);
            stream.NextSsn++;
            DrainPending(stream, delivered);
        }
        else if (SctpSerial.IsGreater(ssn, stream.NextSsn))
        {
            stream.Pending ??= new Dictionary<ushort, SctpReceivedMessage>();
            if (stream.Pending.TryAdd(ssn, message))
            {
                BytesHeld += message.Data.Length;
            }
        }

        // An SSN already passed: a message the stream has moved beyond (skipped or a peer's mistake); dropped.
    }

    private void DrainPending(InboundStream stream, List<SctpReceivedMessage> delivered)
    {
        if (stream.Pending is not { Count: > 0 } pending)
        {
            return;
        }

        while (pending.Remove(stream.NextSsn, out SctpReceivedMessage next))
        {
            BytesHeld -= next.Data.Length;
            delivered.Add(next);
            stream.NextSsn++;
        }
    }

    // The index of the first fragment whose TSN is not below tsn; arrivals are mostly at the end.
    private int FindInsertIndex(uint tsn)
    {
        if (_count == 0 || SctpSerial.IsGreater(tsn, _fragments[_count - 1].Tsn))
        {
            return _count;
        }

        int low = 0;
        int high = _count;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (SctpSerial.IsLess(_fragments[mid].Tsn, tsn))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void Insert(int index, in Fragment fragment)
    {
        if (_count == _fragments.Length)
        {
            Array.Resize(ref _fragments, _fragments.Length * 2);
        }

        Array.Copy(_fragments, index, _fragments, index + 1, _count - index);
        _fragments[index] = fragment;
        _count++;
    }

    private void RemoveFragments(int index, int count)
    {
        if (count == 0)
        {
            return;
        }

        Array.Copy(_fragments, index + count, _fragments, index, _count - index - count);
        Array.Clear(_fragments, _count - count, count);
        _count -= count;
    }

    private void Release(ref Fragment fragment)
    {
        BytesHeld -= fragment.Length;
        if (fragment.Buffer.Length != FragmentBufferSize)
        {
            ArrayPool<byte>.Shared.Return(fragment.Buffer);
        }
        else if (_fragmentBuffers.Count < MaxPooledFragmentBuffers)
        {
            _fragmentBuffers.Push(fragment.Buffer);
        }

        fragment.Buffer = null!;
    }

    private struct Fragment
    {
        public uint Tsn;
        public ushort StreamId;
        public ushort Ssn;
        public uint Ppid;
        public byte Flags;
        public byte[] Buffer;
        public int Length;

        // Bytes from the message's B fragment through this one while all have arrived in order; -1 when unknown.
        public int RunBytes;
    }

    private sealed class InboundStream
    {
        public ushort NextSsn;
        public Dictionary<ushort, SctpReceivedMessage>? Pending;
    }
}
