using System;

namespace LiveKit.Media.Audio;

/// <summary>Counters of an <see cref="AudioJitterBuffer"/> since it was created (they survive resets).</summary>
/// <param name="Received">Packets pushed, whatever became of them.</param>
/// <param name="Played">Packets handed out by TryPop.</param>
/// <param name="Lost">
/// Sequence numbers whose playout slot passed without their packet: one per loss marker, plus the gaps skipped when
/// playout (re)starts or trims (those the caller had already covered with silence).
/// </param>
/// <param name="Late">Packets that arrived after their slot had played or been declared lost; dropped.</param>
/// <param name="Duplicates">Packets already buffered or already played; dropped.</param>
/// <param name="Reordered">Packets stored although a higher sequence number had arrived before them.</param>
/// <param name="Dropped">
/// Packets thrown away although in time: the oldest when the buffer was full, those trimmed when the delay grew past
/// the maximum, payloads larger than the maximum, and stray packets of a sequence jump that no second packet confirmed.
/// </param>
/// <param name="Underruns">Times the buffer ran empty while playing and went back to buffering.</param>
/// <param name="Waits">
/// Slots in which playout held back for a missing packet instead of declaring it lost, because less than the target
/// delay was buffered after it: each grew the delay by one packet.
/// </param>
/// <param name="Resets">Times a jump of the sequence numbers restarted the stream.</param>
/// <param name="Buffered">Packets waiting now.</param>
/// <param name="Jitter">The interarrival jitter estimate (RFC 3550 section 6.4.1).</param>
/// <param name="TargetDelay">How much audio playout buffers before it starts (adapted to the jitter when enabled).</param>
/// <param name="FrameDuration">The packet duration learned from the timestamps.</param>
internal readonly record struct JitterBufferStatistics(
    long Received,
    long Played,
    long Lost,
    long Late,
    long Duplicates,
    long Reordered,
    long Dropped,
    long Underruns,
    long Waits,
    long Resets,
    int Buffered,
    TimeSpan Jitter,
    TimeSpan TargetDelay,
    TimeSpan FrameDuration);
