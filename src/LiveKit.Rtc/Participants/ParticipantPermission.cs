using System.Collections.Generic;
using System.Collections.Immutable;

namespace LiveKit.Rtc;

/// <summary>
/// What a participant may do in its room, as its access token or the server API granted it (LiveKit's
/// <c>ParticipantPermission</c>). Immutable: a change of permissions replaces the whole object.
/// </summary>
public sealed class ParticipantPermission
{
    internal ParticipantPermission(
        bool canSubscribe,
        bool canPublish,
        bool canPublishData,
        ImmutableArray<TrackSource> canPublishSources,
        bool hidden,
        bool canUpdateMetadata)
    {
        CanSubscribe = canSubscribe;
        CanPublish = canPublish;
        CanPublishData = canPublishData;
        CanPublishSources = canPublishSources.IsDefault ? ImmutableArray<TrackSource>.Empty : canPublishSources;
        Hidden = hidden;
        CanUpdateMetadata = canUpdateMetadata;
    }

    /// <summary>True when the participant may subscribe to other participants' tracks.</summary>
    public bool CanSubscribe { get; }

    /// <summary>True when the participant may publish tracks.</summary>
    public bool CanPublish { get; }

    /// <summary>True when the participant may send data packets.</summary>
    public bool CanPublishData { get; }

    /// <summary>The sources the participant may publish from; empty means any source that <see cref="CanPublish"/> allows.</summary>
    public IReadOnlyList<TrackSource> CanPublishSources { get; }

    /// <summary>True when the participant is invisible to the other participants.</summary>
    public bool Hidden { get; }

    /// <summary>True when the participant may change its own name, metadata and attributes.</summary>
    public bool CanUpdateMetadata { get; }
}
