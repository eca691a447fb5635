using System;
using LiveKit.Media.Audio;

namespace LiveKit.Rtc;

/// <summary>An audio track this client publishes: what an <see cref="AudioSource"/> captures, encoded as Opus.</summary>
public sealed class LocalAudioTrack : LocalTrack
{
    private LocalAudioTrack(string name, AudioSource source)
        : base(name, TrackKind.Audio)
    {
        Source = source;
    }

    /// <summary>Where the track's audio comes from.</summary>
    public AudioSource Source { get; }

    /// <summary>Creates a track of <paramref name="source"/>'s audio, to publish with <see cref="LocalParticipant.PublishTrackAsync"/>.</summary>
    /// <param name="name">The track's name, as the other participants see it.</param>
    /// <param name="source">The audio to send.</param>
    public static LocalAudioTrack Create(string name, AudioSource source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        return new LocalAudioTrack(name, source);
    }
}
