using System;
using System.Buffers;

namespace LiveKit.Media.Audio;

/// <summary>
/// The receive-side buffer of one audio stream of fixed-duration packets (Opus, 20 ms typically): it takes packets in
/// network order and hands them out in sequence order, one playout slot at a time, with a loss marker where a packet
/// did not arrive in time so that the decoder can conceal it.
/// </summary>
/// <remarks>
/// <para>
/// Driven by pull: the caller calls <see cref="TryPop"/> once per packet duration (every 20 ms) on its media clock,
/// and <see cref="Push(ushort, uint, ReadOnlySpan{byte})"/> whenever a packet arrives. Each pop is one slot. The buffer starts in <em>buffering</em>:
/// pops return false (play silence) until <see cref="JitterBufferStatistics.TargetDelay"/> of audio is buffered or
/// the oldest packet has waited that long; then it <em>plays</em>: each pop returns the next sequence number's packet,
/// or, when that packet is missing but later ones are here, a <see cref="JitterBufferPacketKind.Lost"/> marker
/// (exactly one per missing packet) telling whether the next packet is present for in-band FEC. A missing packet is
/// waited for up to the target delay: it is declared lost once the target delay of audio is buffered behind it or the
/// first packet after it has waited the target delay; until then its slot returns false (the delay grows by one
/// packet per such slot, counted in <see cref="JitterBufferStatistics.Waits"/>). When the buffer runs empty while
/// playing (network stall, or a sender in DTX that sends nothing) pops return false again and it buffers anew;
/// playout then resumes at the earliest packet buffered, and the gap before it is counted lost without markers, as
/// the caller already filled it. A false return means "nothing to decode in this slot": the caller plays silence or
/// runs the decoder's loss concealment, which fades to silence by itself.
/// </para>
/// <para>
/// Sequence numbers and timestamps are unwrapped to 64 bits (RFC 3550 appendix A.1), so wrapping at 65535 and at
/// 2^32 is invisible. A packet before the slot being played is late (or a duplicate if that very packet played) and
/// dropped; a packet already buffered is a duplicate. A jump of 3,000 or more sequence numbers forward or more than 100
/// back is taken as a restart of the source once a second, consecutive packet confirms it (RFC 3550 A.1's probation):
/// the buffer is cleared and starts over from those two packets. A packet that does not fit in the capacity pushes the
/// oldest out. The packet duration is learned from the timestamp step between consecutive sequence numbers. The
/// interarrival jitter is estimated as in RFC 3550 section 6.4.1 and, when adaptive, raises the target delay to the
/// frame duration plus three times the jitter (at most half of the maximum delay): the delay then grows at the next
/// wait for a missing packet or the next underrun. It shrinks only when more than
/// <see cref="AudioJitterBufferOptions.MaxDelay"/> is buffered: the oldest packets are then dropped down to the
/// target (a sender clock faster than the caller's would otherwise grow the latency without end).
/// </para>
/// <para>
/// Payloads are copied into one array rented from <see cref="ArrayPool{T}.Shared"/> at creation (a slot of
/// <see cref="AudioJitterBufferOptions.MaxPayloadBytes"/> per packet): no allocation per packet. The clock comes from
/// <see cref="AudioJitterBufferOptions.TimeProvider"/>, so tests drive time by hand. Not thread-safe: the caller
/// serializes Push and TryPop.
/// </para>
/// <para>
/// Internal: it works on RTP sequence numbers and timestamps, which SDK users never see; LiveKit.Rtc's receiver drives
/// it (InternalsVisibleTo), and its API stays free to change as playout evolves.
/// </para>
/// </remarks>
internal sealed class AudioJitterBuffer : IDisposable
{
    // RFC 3550 appendix A.1: larger forward jumps, or larger backward ones, are a restart of the source, not a gap.
    private const int MaxDropout = 3_000;
    private const int MaxMisorder = 100;

    // Extended sequence numbers start one cycle up, so that packets reordered before the first stay positive.
    private const long SequenceCycle = 1 << 16;

    private readonly int _clockRate;
    private readonly int _capacity;
    private readonly int _maxPayload;
    private readonly long _baseTarget;
    private readonly long _maxDelay;
    private readonly long _maxFrameDuration;
    private readonly bool _adaptive;
    private readonly double _clockTicksPerTimestamp;
    private readonly TimeProvider _clock;
    private readonly Slot[] _slots;
    private byte[]? _storage;

    private PlayoutState _state;
    private long _nextSequence;
    private long _highestSequence;
    private long _highestTimestamp;
    private long _nextTimestamp;
    private bool _playedSinceStart;
    private int _count;
    private long _frameDuration;
    private long _target;

    private double _jitter;
    private double _lastTransit;
    private bool _hasTransit;

    private bool _probation;
    private ushort _probationSequence;
    private uint _probationTimestamp;
    private int _probationLength;
    private long _probationArrival;

    private long _received;
    private long _played;
    private long _lost;
    private long _late;
    private long _duplicates;
    private long _reordered;
    private long _dropped;
    private long _underruns;
    private long _waits;
    private long _resets;

    /// <summary>Creates an empty buffer.</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public AudioJitterBuffer(AudioJitterBufferOptions? options = null)
    {
        options ??= new AudioJitterBufferOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClockRate, 1_000, nameof(options.ClockRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 2, nameof(options.Capacity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Capacity, 4_096, nameof(options.Capacity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TargetDelay, TimeSpan.Zero, nameof(options.TargetDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxDelay, options.TargetDelay, nameof(options.MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FrameDuration, TimeSpan.Zero, nameof(options.FrameDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPayloadBytes, 1, nameof(options.MaxPayloadBytes));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));

        _clockRate = options.ClockRate;
        _capacity = options.Capacity;
        _maxPayload = options.MaxPayloadBytes;
        _baseTarget = ToTimestampUnits(options.TargetDelay);
        _maxDelay = ToTimestampUnits(options.MaxDelay);
        _maxFrameDuration = _clockRate * 120L / 1000; // the longest Opus packet (RFC 6716 section 3.2.5)
        _adaptive = options.Adaptive;
        _clock = options.TimeProvider;
        _clockTicksPerTimestamp = (double)_clock.TimestampFrequency / _clockRate;
        _frameDuration = Math.Max(1, ToTimestampUnits(options.FrameDuration));
        _target = _baseTarget;
        _slots = new Slot[_capacity];
        // One payload slot per packet, plus one for a packet on probation after a sequence jump.
        _storage = ArrayPool<byte>.Shared.Rent((_capacity + 1) * _maxPayload);
    }

    private enum PlayoutState : byte
    {
        Idle,
        Buffering,
        Playing,
    }

    private enum SlotState : byte
    {
        Empty,
        Buffered,
        Played,
        Lost,
    }

    /// <summary>The RTP clock rate of the timestamps.</summary>
    public int ClockRate => _clockRate;

    /// <summary>The counters so far, and the current delay settings.</summary>
    public JitterBufferStatistics Statistics => new(
        _received,
        _played,
        _lost,
        _late,
        _duplicates,
        _reordered,
        _dropped,
        _underruns,
        _waits,
        _resets,
        _count,
        ToTimeSpan(_jitter),
        ToTimeSpan(_target),
        ToTimeSpan(_frameDuration));

    /// <summary>Takes a packet that arrived now: copies its payload into the buffer's storage.</summary>
    /// <param name="sequenceNumber">The RTP sequence number.</param>
    /// <param name="timestamp">The RTP timestamp.</param>
    /// <param name="payload">The RTP payload (for Opus, one Opus packet); copied, so the caller may reuse it.</param>
    /// <returns>
    /// True when stored; false when dropped (duplicate, late, too large, or a stray jump on probation), which the
    /// statistics count.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public bool Push(ushort sequenceNumber, uint timestamp, ReadOnlySpan<byte> payload) =>
        Push(sequenceNumber, timestamp, payload, _clock.GetTimestamp());

    /// <summary>
    /// Adds a packet that arrived at <paramref name="arrival"/> (a timestamp of the buffer's
    /// <see cref="AudioJitterBufferOptions.TimeProvider"/>): for a caller that queues packets before handing them over,
    /// so that the jitter estimate sees when they came off the network, not when they were handed over.
    /// </summary>
    /// <inheritdoc cref="Push(ushort, uint, ReadOnlySpan{byte})"/>
    public bool Push(ushort sequenceNumber, uint timestamp, ReadOnlySpan<byte> payload, long arrival)
    {
        byte[] storage = _storage ?? throw new ObjectDisposedException(nameof(AudioJitterBuffer));
        long now = arrival;
        _received++;
        if (payload.Length > _maxPayload)
        {
            _dropped++;
            return false;
        }

        if (_state == PlayoutState.Idle)
        {
            Start(sequenceNumber, timestamp);
            Store(_nextSequence, timestamp, payload, now);
            return true;
        }

        int delta = (short)(ushort)(sequenceNumber - (ushort)_highestSequence);
        if (delta >= MaxDropout || delta < -MaxMisorder)
        {
            return Probation(sequenceNumber, timestamp, payload, now, storage);
        }

        if (_probation)
        {
            // The jump was a stray packet: the stream went on where it was.
            _probation = false;
            _dropped++;
        }

        long sequence = _highestSequence + delta;
        long extendedTimestamp = _highestTimestamp + (int)(timestamp - (uint)_highestTimestamp);
        if (sequence < _nextSequence && !_playedSinceStart && _highestSequence - sequence < _capacity)
        {
            // Reordered ahead of the first packet before anything played: playout starts earlier.
            _nextSequence = sequence;
        }

        ref Slot slot = ref _slots[Index(sequence)];
        if (sequence < _nextSequence)
        {
            if (slot.Sequence == sequence && slot.State == SlotState.Played)
            {
                _duplicates++;
            }
            else
            {
                _late++;
            }

            return false;
        }

        if (slot.Sequence == sequence && slot.State == SlotState.Buffered)
        {
            _duplicates++;
            return false;
        }

        if (sequence >= _nextSequence + _capacity)
        {
            Skip(sequence - _capacity + 1);
        }

        if (sequence < _highestSequence)
        {
            _reordered++;
        }

        Store(sequence, extendedTimestamp, payload, now);
        return true;
    }

    /// <summary>Hands out the next playout slot; call once per packet duration.</summary>
    /// <param name="packet">The packet to decode or the loss to conceal; valid until the next call on the buffer.</param>
    /// <returns>
    /// False when there is nothing to decode in this slot (buffering before playout or after an underrun, or waiting for
    /// a missing packet): play silence or conceal.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public bool TryPop(out JitterBufferPacket packet)
    {
        byte[] storage = _storage ?? throw new ObjectDisposedException(nameof(AudioJitterBuffer));
        packet = default;
        if (_state == PlayoutState.Idle || _count == 0)
        {
            if (_state == PlayoutState.Playing)
            {
                _underruns++;
                _state = PlayoutState.Buffering;
            }

            return false;
        }

        if (_state == PlayoutState.Buffering)
        {
            long earliest = EarliestBuffered();
            long depth = (_highestSequence - earliest + 1) * _frameDuration;
            double waited = (_clock.GetTimestamp() - _slots[Index(earliest)].Arrival) / _clockTicksPerTimestamp;
            if (depth < _target && waited < _target)
            {
                return false;
            }

            // Playout (re)starts at the earliest packet; the gap before it was already covered by silence.
            _lost += earliest - _nextSequence;
            _nextSequence = earliest;
            _state = PlayoutState.Playing;
        }

        if ((_highestSequence - _nextSequence + 1) * _frameDuration > _maxDelay)
        {
            Skip(_highestSequence + 1 - Math.Max(1, _target / _frameDuration));
        }

        long sequence = _nextSequence;
        ref Slot slot = ref _slots[Index(sequence)];
        bool present = slot.Sequence == sequence && slot.State == SlotState.Buffered;
        if (!present && ShouldWaitFor(sequence))
        {
            _waits++;
            return false;
        }

        _playedSinceStart = true;
        _nextSequence++;
        if (present)
        {
            slot.State = SlotState.Played;
            _count--;
            _played++;
            _nextTimestamp = slot.Timestamp + _frameDuration;
            packet = new JitterBufferPacket(
                JitterBufferPacketKind.Packet,
                (ushort)sequence,
                (uint)slot.Timestamp,
                (int)_frameDuration,
                storage.AsSpan(Index(sequence) * _maxPayload, slot.Length),
                hasNext: false,
                nextPayload: default);
            return true;
        }

        // Missing while later packets are here: its slot has come, so it is lost. Marking the slot lets a late arrival
        // be counted late.
        ref Slot next = ref _slots[Index(sequence + 1)];
        bool hasNext = next.Sequence == sequence + 1 && next.State == SlotState.Buffered;
        long timestamp = hasNext ? next.Timestamp - _frameDuration : _nextTimestamp;
        slot = new Slot { Sequence = sequence, Timestamp = timestamp, State = SlotState.Lost };
        _lost++;
        _nextTimestamp = timestamp + _frameDuration;
        packet = new JitterBufferPacket(
            JitterBufferPacketKind.Lost,
            (ushort)sequence,
            (uint)timestamp,
            (int)_frameDuration,
            default,
            hasNext,
            hasNext ? storage.AsSpan(Index(sequence + 1) * _maxPayload, next.Length) : default);
        return true;
    }

    /// <summary>Forgets the stream: drops what is buffered and waits for a first packet again. Statistics are kept.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_storage is null, this);
        Array.Clear(_slots);
        _count = 0;
        _state = PlayoutState.Idle;
        _probation = false;
        _hasTransit = false;
        _jitter = 0;
        _target = _baseTarget;
    }

    /// <summary>Returns the payload storage to the pool. Idempotent.</summary>
    public void Dispose()
    {
        byte[]? storage = _storage;
        _storage = null;
        if (storage is not null)
        {
            ArrayPool<byte>.Shared.Return(storage);
        }
    }

    private int Index(long sequence) => (int)(sequence % _capacity);

    private long ToTimestampUnits(TimeSpan duration) => (long)Math.Round(duration.TotalSeconds * _clockRate);

    private TimeSpan ToTimeSpan(double timestampUnits) => TimeSpan.FromSeconds(timestampUnits / _clockRate);

    private void Start(ushort sequenceNumber, uint timestamp)
    {
        _state = PlayoutState.Buffering;
        _nextSequence = _highestSequence = SequenceCycle + sequenceNumber;
        _highestTimestamp = timestamp;
        _playedSinceStart = false;
    }

    // A jump too large to be a gap: hold the packet; a second, consecutive one confirms that the source restarted.
    private bool Probation(ushort sequenceNumber, uint timestamp, ReadOnlySpan<byte> payload, long now, byte[] storage)
    {
        Span<byte> held = storage.AsSpan(_capacity * _maxPayload, _maxPayload);
        if (_probation && sequenceNumber == (ushort)(_probationSequence + 1))
        {
            // The old stream's packets still waiting will not play: the new stream starts now.
            _resets++;
            _dropped += _count;
            Reset();
            Start(_probationSequence, _probationTimestamp);
            Store(_nextSequence, _probationTimestamp, held[.._probationLength], _probationArrival);
            long extendedTimestamp = _highestTimestamp + (int)(timestamp - (uint)_highestTimestamp);
            Store(_nextSequence + 1, extendedTimestamp, payload, now);
            return true;
        }

        if (_probation)
        {
            _dropped++;
        }

        _probation = true;
        _probationSequence = sequenceNumber;
        _probationTimestamp = timestamp;
        _probationLength = payload.Length;
        _probationArrival = now;
        payload.CopyTo(held);
        return false;
    }

    private void Store(long sequence, long timestamp, ReadOnlySpan<byte> payload, long arrival)
    {
        int index = Index(sequence);
        payload.CopyTo(_storage.AsSpan(index * _maxPayload, _maxPayload));
        _slots[index] = new Slot { Sequence = sequence, Timestamp = timestamp, Arrival = arrival, Length = payload.Length, State = SlotState.Buffered };
        _count++;
        if (sequence > _highestSequence)
        {
            _highestSequence = sequence;
            _highestTimestamp = timestamp;
        }

        LearnFrameDuration(sequence, timestamp);
        EstimateJitter(timestamp, arrival);
    }

    // Moves the start of the window to `start`: buffered packets before it are dropped, missing ones counted lost.
    private void Skip(long start)
    {
        long end = Math.Min(start, _nextSequence + _capacity);
        for (long sequence = _nextSequence; sequence < end; sequence++)
        {
            ref Slot slot = ref _slots[Index(sequence)];
            if (slot.Sequence == sequence && slot.State == SlotState.Buffered)
            {
                slot.State = SlotState.Empty;
                _count--;
                _dropped++;

                _nextTimestamp = slot.Timestamp + _frameDuration;
            }
            else
            {
                _lost++;
                _nextTimestamp += _frameDuration;
            }
        }

        // Sequence numbers beyond the window were never stored: all of them are lost.
        _lost += start - end;
        _nextTimestamp += (start - end) * _frameDuration;
        _nextSequence = start;
    }

    // A missing packet is waited for (this slot plays nothing and the delay grows by one packet) while less than the
    // target delay is buffered behind it and the first packet after it has waited less than the target delay; after
    // that it is lost. Without this, a target raised by jitter would only take effect after an underrun.
    private bool ShouldWaitFor(long sequence)
    {
        if ((_highestSequence - sequence + 1) * _frameDuration >= _target)
        {
            return false;
        }

        long after = EarliestBuffered();
        double waited = (_clock.GetTimestamp() - _slots[Index(after)].Arrival) / _clockTicksPerTimestamp;
        return waited < _target;
    }

    private long EarliestBuffered()
    {
        for (long sequence = _nextSequence; sequence <= _highestSequence; sequence++)
        {
            ref Slot slot = ref _slots[Index(sequence)];
            if (slot.Sequence == sequence && slot.State == SlotState.Buffered)
            {
                return sequence;
            }
        }

        return _highestSequence;
    }

    // The packet duration is the timestamp step between consecutive sequence numbers; steps longer than the longest
    // Opus packet are pauses (DTX), not durations.
    private void LearnFrameDuration(long sequence, long timestamp)
    {
        ref Slot previous = ref _slots[Index(sequence - 1)];
        if (previous.Sequence == sequence - 1 && previous.State is SlotState.Buffered or SlotState.Played)
        {
            UseFrameDuration(timestamp - previous.Timestamp);
        }

        ref Slot following = ref _slots[Index(sequence + 1)];
        if (following.Sequence == sequence + 1 && following.State == SlotState.Buffered)
        {
            UseFrameDuration(following.Timestamp - timestamp);
        }
    }

    private void UseFrameDuration(long step)
    {
        if (step > 0 && step <= _maxFrameDuration && step != _frameDuration)
        {
            _frameDuration = step;
            AdaptTarget();
        }
    }

    // RFC 3550 section 6.4.1: J += (|D(i-1, i)| - J) / 16, D the change in transit time (arrival minus timestamp), in
    // timestamp units.
    private void EstimateJitter(long timestamp, long arrival)
    {
        double transit = arrival / _clockTicksPerTimestamp - timestamp;
        if (_hasTransit)
        {
            _jitter += (Math.Abs(transit - _lastTransit) - _jitter) / 16;
            AdaptTarget();
        }

        _lastTransit = transit;
        _hasTransit = true;
    }

    private void AdaptTarget()
    {
        if (!_adaptive)
        {
            return;
        }

        long wanted = _frameDuration + (long)Math.Ceiling(3 * _jitter);
        long cap = Math.Max(_baseTarget, _maxDelay / 2);
        _target = Math.Clamp(wanted, _baseTarget, cap);
    }

    private struct Slot
    {
        public long Sequence;
        public long Timestamp;
        public long Arrival;
        public int Length;
        public SlotState State;
    }
}
