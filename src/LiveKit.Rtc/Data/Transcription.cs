using System;
using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>Transcription segments of one participant's track, as <see cref="LocalParticipant.PublishTranscriptionAsync"/> sends them.</summary>
/// <param name="ParticipantIdentity">The identity of the participant whose speech was transcribed.</param>
/// <param name="TrackSid">The sid of the transcribed track.</param>
/// <param name="Segments">The segments, in order.</param>
public sealed record Transcription(string ParticipantIdentity, string TrackSid, IReadOnlyList<TranscriptionSegment> Segments)
{
    /// <summary>Checks the fields and throws <see cref="ArgumentException"/> saying which is missing.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(ParticipantIdentity, nameof(ParticipantIdentity));
        ArgumentException.ThrowIfNullOrEmpty(TrackSid, nameof(TrackSid));
        ArgumentNullException.ThrowIfNull(Segments, nameof(Segments));
    }
}
