using System;

namespace LiveKit.Rtc;

/// <summary>
/// A piece of a transcription of a participant's track, as the <c>transcription_received</c> event delivers it. A
/// transcriber sends a segment several times as it refines it, with the same <see cref="Id"/>, until
/// <see cref="IsFinal"/> is true.
/// </summary>
public sealed class TranscriptionSegment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="id">The segment's id; later versions of the segment carry the same id.</param>
    /// <param name="text">The transcribed text.</param>
    /// <param name="startTime">Where the segment starts in the track's media.</param>
    /// <param name="endTime">Where the segment ends, in the same unit.</param>
    /// <param name="language">The language of the text, e.g. <c>en</c>; empty when not known.</param>
    /// <param name="isFinal">True for the segment's last version.</param>
    public TranscriptionSegment(string id, string text, ulong startTime, ulong endTime, string language, bool isFinal)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        Id = id;
        Text = text;
        StartTime = startTime;
        EndTime = endTime;
        Language = language;
        IsFinal = isFinal;
    }

    /// <summary>The segment's id; later versions of the same segment carry the same id.</summary>
    public string Id { get; }

    /// <summary>The transcribed text.</summary>
    public string Text { get; }

    /// <summary>Where the segment starts in the track's media, as the transcriber stated it (LiveKit agents send milliseconds).</summary>
    public ulong StartTime { get; }

    /// <summary>Where the segment ends in the track's media, in the same unit as <see cref="StartTime"/>.</summary>
    public ulong EndTime { get; }

    /// <summary>The language of the text, e.g. <c>en</c>; empty when the transcriber did not state it.</summary>
    public string Language { get; }

    /// <summary>True when this is the segment's last version.</summary>
    public bool IsFinal { get; }
}
