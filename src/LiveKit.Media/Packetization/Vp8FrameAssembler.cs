using System;
using System.Numerics;

namespace LiveKit.Media.Packetization;

/// <summary>
/// Reassembles encoded VP8 frames from the RTP payloads of one stream (RFC 7741 §4.4), fed in arrival order,
/// and says when a keyframe is needed. One per incoming video stream (SSRC); not thread-safe.
/// <code>
/// assembler.Push(sequenceNumber, timestamp, marker, payload);
/// while (assembler.TryReadFrame(out Vp8EncodedFrame frame)) { decoder.Decode(frame.Data); }
/// if (assembler.NeedsKeyFrame) { /* send a PLI (RFC 4585 §6.3.1), throttled */ }
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// Packets are put back in sequence-number order within a reorder window of <see cref="ReorderWindow"/>
/// packets: a packet that arrives early is held (copied) until the ones before it arrive. A missing packet is
/// given up (declared lost) when a packet arrives that no longer fits in the window, or when the caller calls
/// <see cref="SkipMissingPackets"/> (e.g. from a timer, once retransmission is no longer worth waiting for).
/// In order, with no loss, nothing is held: each payload is copied once, into the frame.
/// </para>
/// <para>
/// A frame is complete when its packets, from the one with S=1 and PID=0 to the one with the marker bit, have
/// contiguous sequence numbers and the same timestamp. Loss makes <see cref="NeedsKeyFrame"/> true: a lost or
/// malformed packet, a frame that starts before the previous one ended (a timestamp change without the marker),
/// or a packet that belongs to no frame we saw start. From then on delta frames are dropped (counted), since
/// they refer to a frame the decoder does not have, until a keyframe arrives (RFC 7741 §4.3: P bit 0). It is
/// true at first, too: decoding starts at a keyframe.
/// </para>
/// <para>
/// Frames completed by a call are read with <see cref="TryReadFrame"/> before the next call; frames left unread
/// are discarded at the next call (counted in <see cref="FramesUnread"/>, and a keyframe is then needed). Memory
/// is bounded: the held packets (at most the window, each at most 64 KiB) and the frame buffer (at most
/// <see cref="MaxFrameBytes"/> for the frame in progress, plus the frames completed by one call). After warm-up
/// the buffers are reused, so the steady state allocates nothing. Packets are never trusted: nothing a peer
/// sends makes a call throw.
/// </para>
/// </remarks>
public sealed partial class Vp8FrameAssembler
{
    /// <summary>The default <see cref="ReorderWindow"/>: 16 packets.</summary>
    public const int DefaultReorderWindow = 16;

    /// <summary>The largest <see cref="ReorderWindow"/> accepted.</summary>
    public const int MaxReorderWindow = 1024;

    /// <summary>The default <see cref="MaxFrameBytes"/>: 4 MiB, above any realistic VP8 keyframe.</summary>
    public const int DefaultMaxFrameBytes = 4 * 1024 * 1024;

    /// <summary>The largest payload taken: a UDP datagram cannot carry more.</summary>
    internal const int MaxPayloadBytes = 65535;

    /// <summary>
    /// How far behind the stream a packet may be and still count as merely late (RFC 3550 §A.1's MAX_MISORDER,
    /// raised because retransmissions arrive late). Beyond it, two sequential packets mean the sender restarted
    /// its sequence numbers.
    /// </summary>
    internal const int MaxMisorder = 1000;

    private const int MinSlotBytes = 2048;

    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly ReadyFrame[] _ready;
    private byte[] _buffer;
    private int _readyCount;
    private int _readIndex;

    private bool _started;
    private ushort _nextSequence;
    private int _heldCount;
    private bool _hasRestartCandidate;
    private ushort _restartCandidate;

    private bool _inFrame;
    private int _frameStart;
    private int _frameLength;
    private uint _frameTimestamp;
    private ushort _frameFirstSequence;
    private bool _frameIsKey;
    private Vp8PayloadDescriptor _frameDescriptor;

    /// <summary>Creates an assembler for one VP8 stream.</summary>
    /// <param name="reorderWindow">
    /// How many packets may arrive ahead of a missing one before it is given up (1-1024). Larger tolerates more
    /// reordering and later retransmissions; smaller notices a loss (and asks for a keyframe) sooner.
    /// </param>
    /// <param name="maxFrameBytes">The largest frame assembled; a larger one is dropped as incomplete.</param>
    /// <exception cref="ArgumentOutOfRangeException">A window outside 1-1024, or a frame size outside 1 byte-256 MiB.</exception>
    public Vp8FrameAssembler(int reorderWindow = DefaultReorderWindow, int maxFrameBytes = DefaultMaxFrameBytes)
    {
        if (reorderWindow is < 1 or > MaxReorderWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(reorderWindow), reorderWindow,
                "The reorder window is 1 to 1024 packets (16 suits most networks).");
        }

        if (maxFrameBytes is < 1 or > 256 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFrameBytes), maxFrameBytes,
                "The largest frame is 1 byte to 256 MiB (4 MiB holds any realistic VP8 keyframe).");
        }

        ReorderWindow = reorderWindow;
        MaxFrameBytes = maxFrameBytes;
        // A power of two divides 65536, so a slot per sequence number stays consistent across the wrap.
        _slots = new Slot[(int)BitOperations.RoundUpToPowerOf2((uint)reorderWindow)];
        _mask = _slots.Length - 1;
        _ready = new ReadyFrame[_slots.Length + 1];
        _buffer = new byte[64 * 1024];
    }

    /// <summary>How many packets may arrive ahead of a missing one before it is given up.</summary>
    public int ReorderWindow { get; }

    /// <summary>The largest frame assembled, in bytes.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>
    /// True when the decoder needs a keyframe: at the start, and from a loss until the next keyframe. While
    /// true, delta frames are dropped; the caller should send a PLI (RFC 4585 §6.3.1), throttled.
    /// </summary>
    public bool NeedsKeyFrame { get; private set; } = true;

    /// <summary>How many packets are held waiting for a missing one before them.</summary>
    public int HeldPackets => _heldCount;

    /// <summary>Packets passed to <see cref="Push"/>.</summary>
    public long PacketsReceived { get; private set; }

    /// <summary>Packets with a truncated descriptor, no VP8 data after it, or an impossible size.</summary>
    public long MalformedPackets { get; private set; }

    /// <summary>Packets received twice (the second copy is ignored).</summary>
    public long DuplicatePackets { get; private set; }

    /// <summary>Packets that arrived after their place was given up, or far older than the stream.</summary>
    public long LatePackets { get; private set; }

    /// <summary>Sequence numbers given up as lost.</summary>
    public long LostPackets { get; private set; }

    /// <summary>Well-formed packets that belonged to no frame being assembled (its start was lost or dropped).</summary>
    public long DiscardedPackets { get; private set; }

    /// <summary>Frames completed and offered to <see cref="TryReadFrame"/>.</summary>
    public long FramesCompleted { get; private set; }

    /// <summary>Frames started but dropped: a packet of theirs was lost, no marker came, or they exceeded <see cref="MaxFrameBytes"/>.</summary>
    public long FramesIncomplete { get; private set; }

    /// <summary>Complete delta frames dropped because a keyframe was needed first.</summary>
    public long FramesDroppedWaitingForKeyFrame { get; private set; }

    /// <summary>Completed frames the caller did not read before its next call, discarded.</summary>
    public long FramesUnread { get; private set; }

    /// <summary>
    /// Takes one RTP packet of the stream (the transport has verified it, removed the RTP header, header
    /// extensions and padding). Frames it completes are then read with <see cref="TryReadFrame"/>.
    /// </summary>
    /// <param name="sequenceNumber">The packet's RTP sequence number.</param>
    /// <param name="timestamp">The packet's RTP timestamp (90 kHz).</param>
    /// <param name="marker">The RTP marker bit: set on a frame's last packet (RFC 7741 §4.1).</param>
    /// <param name="payload">The RTP payload; empty for a padding-only packet, which should still be passed so the sequence numbers stay contiguous.</param>
    /// <returns>What was done with the packet. Never throws on packet contents.</returns>
    public Vp8PacketResult Push(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        BeginCall();
        PacketsReceived++;
        if (!_started)
        {
            _started = true;
            _nextSequence = sequenceNumber;
        }

        int distance = RtpSequence.Distance(_nextSequence, sequenceNumber);
        if (distance < 0)
        {
            if (distance >= -MaxMisorder)
            {
                ref Slot past = ref _slots[sequenceNumber & _mask];
                if (past.State == SlotState.Consumed && past.Sequence == sequenceNumber)
                {
                    DuplicatePackets++;
                    return Vp8PacketResult.Duplicate;
                }

                LatePackets++;
                return Vp8PacketResult.Late;
            }

            // Far behind: a stray old packet, or the sender restarted its sequence numbers. As RFC 3550 §A.1
            // does, believe a restart only when the next packet follows this one.
            if (!_hasRestartCandidate || sequenceNumber != _restartCandidate)
            {
                _hasRestartCandidate = true;
                _restartCandidate = unchecked((ushort)(sequenceNumber + 1));
                LatePackets++;
                return Vp8PacketResult.Late;
            }

            Restart(sequenceNumber);
            distance = 0;
        }

        _hasRestartCandidate = false;
        if (distance >= ReorderWindow)
        {
            GiveUpUntil(unchecked((ushort)(sequenceNumber - ReorderWindow + 1)));
        }

        ref Slot slot = ref _slots[sequenceNumber & _mask];
        if (slot.State == SlotState.Held && slot.Sequence == sequenceNumber)
        {
            DuplicatePackets++;
            return Vp8PacketResult.Duplicate;
        }

        PacketContent content = Classify(payload, out Vp8PayloadDescriptor descriptor, out int headerLength);
        if (content == PacketContent.Corrupt)
        {
            MalformedPackets++;
        }

        ReadOnlySpan<byte> data = content == PacketContent.Media ? payload.Slice(headerLength) : default;
        if (sequenceNumber == _nextSequence)
        {
            // In order: straight into the frame, no holding copy.
            slot.State = SlotState.Consumed;
            slot.Sequence = sequenceNumber;
            _nextSequence = unchecked((ushort)(_nextSequence + 1));
            Consume(content, sequenceNumber, timestamp, marker, descriptor, data);
        }
        else
        {
            Hold(ref slot, content, sequenceNumber, timestamp, marker, descriptor, data);
        }

        DrainContiguous();
        return content switch
        {
            PacketContent.Media => Vp8PacketResult.Accepted,
            PacketContent.Padding => Vp8PacketResult.Padding,
            _ => Vp8PacketResult.Malformed,
        };
    }

    /// <summary>
    /// Returns the next frame completed by the last call, oldest first. Its data is valid until the next call to
    /// this assembler.
    /// </summary>
    /// <returns>False when no completed frame is left.</returns>
    public bool TryReadFrame(out Vp8EncodedFrame frame)
    {
        if (_readIndex >= _readyCount)
        {
            frame = default;
            return false;
        }

        ref ReadyFrame ready = ref _ready[_readIndex++];
        frame = new Vp8EncodedFrame(_buffer.AsSpan(ready.Offset, ready.Length), ready.Timestamp, ready.IsKeyFrame,
            ready.FirstSequence, ready.LastSequence, ready.Descriptor);
        return true;
    }

    /// <summary>
    /// Gives up waiting for the missing packets before the oldest held one: they count as lost, and the held
    /// packets are used. Call it when waiting longer is not worth it (a timer, or retransmission given up on);
    /// frames it completes are read with <see cref="TryReadFrame"/>.
    /// </summary>
    /// <returns>How many sequence numbers were given up; 0 when no packet is held.</returns>
    public int SkipMissingPackets()
    {
        BeginCall();
        if (_heldCount == 0)
        {
            return 0;
        }

        for (int ahead = 1; ahead < _slots.Length; ahead++)
        {
            ushort sequence = unchecked((ushort)(_nextSequence + ahead));
            ref Slot slot = ref _slots[sequence & _mask];
            if (slot.State == SlotState.Held && slot.Sequence == sequence)
            {
                GiveUpUntil(sequence);
                DrainContiguous();
                return ahead;
            }
        }

        return 0;
    }

    /// <summary>
    /// Makes <see cref="NeedsKeyFrame"/> true, e.g. when the decoder rejected a frame: delta frames are dropped
    /// until a keyframe arrives.
    /// </summary>
    public void RequireKeyFrame() => NeedsKeyFrame = true;

    /// <summary>
    /// Forgets the stream's position, held packets and frame in progress (counters are kept), as when the
    /// stream was replaced; the next packet starts it again, and a keyframe is needed.
    /// </summary>
    public void Reset()
    {
        BeginCall();
        EmptySlots();
        _started = false;
        _hasRestartCandidate = false;
        _inFrame = false;
        _frameLength = 0;
        NeedsKeyFrame = true;
    }

    private static PacketContent Classify(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor, out int headerLength)
    {
        descriptor = default;
        headerLength = 0;
        if (payload.IsEmpty)
        {
            return PacketContent.Padding;
        }

        // A descriptor with no VP8 data after it carries nothing a frame could use (libwebrtc rejects it too).
        if (payload.Length > MaxPayloadBytes
            || !Vp8PayloadDescriptor.TryParse(payload, out descriptor, out headerLength)
            || headerLength == payload.Length)
        {
            return PacketContent.Corrupt;
        }

        return PacketContent.Media;
    }

    /// <summary>Discards what the caller did not read since the last call, and moves the frame in progress to the buffer's start.</summary>
    private void BeginCall()
    {
        if (_readIndex < _readyCount)
        {
            FramesUnread += _readyCount - _readIndex;
            NeedsKeyFrame = true;
        }

        _readyCount = 0;
        _readIndex = 0;
        if (_frameStart > 0)
        {
            if (_frameLength > 0)
            {
                _buffer.AsSpan(_frameStart, _frameLength).CopyTo(_buffer);
            }

            _frameStart = 0;
        }
    }

    private void Hold(ref Slot slot, PacketContent content, ushort sequence, uint timestamp, bool marker,
        Vp8PayloadDescriptor descriptor, ReadOnlySpan<byte> data)
    {
        if (slot.Data is null || slot.Data.Length < data.Length)
        {
            slot.Data = new byte[Math.Max(MinSlotBytes, (int)BitOperations.RoundUpToPowerOf2((uint)data.Length))];
        }

        data.CopyTo(slot.Data);
        slot.Length = data.Length;
        slot.State = SlotState.Held;
        slot.Sequence = sequence;
        slot.Timestamp = timestamp;
        slot.Marker = marker;
        slot.Content = content;
        slot.Descriptor = descriptor;
        _heldCount++;
    }

    /// <summary>Uses the held packets that now follow on without a gap.</summary>
    private void DrainContiguous()
    {
        while (_heldCount > 0)
        {
            ref Slot slot = ref _slots[_nextSequence & _mask];
            if (slot.State != SlotState.Held || slot.Sequence != _nextSequence)
            {
                return;
            }

            ConsumeHeld(ref slot);
            _nextSequence = unchecked((ushort)(_nextSequence + 1));
        }
    }

    /// <summary>
    /// Moves the stream's position to <paramref name="next"/>: the held packets before it are used, and the
    /// missing ones count as lost.
    /// </summary>
    private void GiveUpUntil(ushort next)
    {
        int steps = RtpSequence.Distance(_nextSequence, next);
        // Every held packet lies within one slot array of the position, so a long jump need not walk further.
        int walk = Math.Min(steps, _slots.Length);
        for (int i = 0; i < walk; i++)
        {
            ref Slot slot = ref _slots[_nextSequence & _mask];
            if (slot.State == SlotState.Held && slot.Sequence == _nextSequence)
            {
                ConsumeHeld(ref slot);
            }
            else
            {
                LostPackets++;
                OnLoss();
            }

            _nextSequence = unchecked((ushort)(_nextSequence + 1));
        }

        if (steps > walk)
        {
            LostPackets += steps - walk;
            OnLoss();
            _nextSequence = next;
        }
    }

    private void Restart(ushort sequence)
    {
        EmptySlots();
        OnLoss();
        _nextSequence = sequence;
    }

    /// <summary>Forgets every held and consumed packet, keeping the slots' buffers for reuse.</summary>
    private void EmptySlots()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i].State = SlotState.Empty;
        }

        _heldCount = 0;
    }

    private void ConsumeHeld(ref Slot slot)
    {
        slot.State = SlotState.Consumed;
        _heldCount--;
        Consume(slot.Content, slot.Sequence, slot.Timestamp, slot.Marker, slot.Descriptor,
            slot.Data.AsSpan(0, slot.Length));
    }

    /// <summary>Applies the next packet in sequence order to the frame being assembled (RFC 7741 §4.4).</summary>
    private void Consume(PacketContent content, ushort sequence, uint timestamp, bool marker,
        Vp8PayloadDescriptor descriptor, ReadOnlySpan<byte> data)
    {
        if (content == PacketContent.Padding)
        {
            return;
        }

        if (content == PacketContent.Corrupt)
        {
            OnLoss();
            return;
        }

        if (descriptor.IsStartOfFrame)
        {
            if (_inFrame)
            {
                // A new frame began before the previous one's marker: that one is incomplete.
                DropFrame();
            }

            _inFrame = true;
            _frameLength = 0;
            _frameTimestamp = timestamp;
            _frameFirstSequence = sequence;
            _frameIsKey = Vp8PayloadHeader.IsKeyFrameStart(data);
            _frameDescriptor = descriptor;
        }
        else if (!_inFrame)
        {
            // The rest of a frame whose start we lost, dropped, or never saw.
            DiscardedPackets++;
            NeedsKeyFrame = true;
            return;
        }
        else if (timestamp != _frameTimestamp)
        {
            // The timestamp changed without a marker and without a new start: the frame is broken.
            DropFrame();
            DiscardedPackets++;
            return;
        }

        if (_frameLength + data.Length > MaxFrameBytes)
        {
            DropFrame();
            return;
        }

        EnsureCapacity(_frameStart + _frameLength + data.Length);
        data.CopyTo(_buffer.AsSpan(_frameStart + _frameLength));
        _frameLength += data.Length;
        if (marker)
        {
            CompleteFrame(sequence);
        }
    }

    private void CompleteFrame(ushort lastSequence)
    {
        _inFrame = false;
        if (!_frameIsKey && NeedsKeyFrame)
        {
            FramesDroppedWaitingForKeyFrame++;
            _frameLength = 0;
            return;
        }

        if (_readyCount == _ready.Length)
        {
            // Unreachable: a call uses at most the held packets and its own, each ending at most one frame.
            FramesUnread++;
            NeedsKeyFrame = true;
            _frameLength = 0;
            return;
        }

        if (_frameIsKey)
        {
            NeedsKeyFrame = false;
        }

        _ready[_readyCount++] = new ReadyFrame(_frameStart, _frameLength, _frameTimestamp, _frameIsKey,
            _frameFirstSequence, lastSequence, _frameDescriptor);
        _frameStart += _frameLength;
        _frameLength = 0;
        FramesCompleted++;
    }

    private void OnLoss()
    {
        if (_inFrame)
        {
            DropFrame();
        }

        NeedsKeyFrame = true;
    }

    private void DropFrame()
    {
        _inFrame = false;
        _frameLength = 0;
        FramesIncomplete++;
        NeedsKeyFrame = true;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length)
        {
            return;
        }

        int size = (int)Math.Min(Math.Max((long)_buffer.Length * 2, needed), int.MaxValue);
        byte[] grown = new byte[size];
        _buffer.AsSpan(0, _frameStart + _frameLength).CopyTo(grown);
        _buffer = grown;
    }
}
