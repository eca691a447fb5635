using LiveKit.Media.Video;

namespace LiveKit.Rtc;

/// <summary>One decoded frame from a <see cref="VideoStream"/> (the Python SDK's <c>VideoFrameEvent</c>).</summary>
/// <param name="Frame">The frame; the reader owns it and disposes it (its planes go back to the pool).</param>
/// <param name="TimestampUs">The frame's capture time from its RTP timestamp, in microseconds since the stream's first frame.</param>
public readonly record struct VideoFrameEvent(VideoFrame Frame, long TimestampUs);
