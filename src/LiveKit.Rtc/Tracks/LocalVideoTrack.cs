using System;
using LiveKit.Media.Video;

namespace LiveKit.Rtc;

/// <summary>A video track this client publishes: what a <see cref="VideoSource"/> captures, encoded as VP8.</summary>
public sealed class LocalVideoTrack : LocalTrack
{
    private LocalVideoTrack(string name, VideoSource source)
        : base(name, TrackKind.Video)
    {
        Source = source;
    }

    /// <summary>Where the track's frames come from.</summary>
    public VideoSource Source { get; }

    /// <summary>Creates a track of <paramref name="source"/>'s frames, to publish with <see cref="LocalParticipant.PublishTrackAsync"/>.</summary>
    /// <param name="name">The track's name, as the other participants see it.</param>
    /// <param name="source">The video to send.</param>
    public static LocalVideoTrack Create(string name, VideoSource source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        return new LocalVideoTrack(name, source);
    }
}
