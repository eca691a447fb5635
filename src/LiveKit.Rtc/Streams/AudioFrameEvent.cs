using LiveKit.Media.Audio;

namespace LiveKit.Rtc;

/// <summary>One decoded frame from an <see cref="AudioStream"/> (the Python SDK's <c>AudioFrameEvent</c>).</summary>
/// <param name="Frame">The frame; the reader owns it and disposes it (its buffer goes back to the pool).</param>
public readonly record struct AudioFrameEvent(AudioFrame Frame);
