using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>This client as a participant of its room: the participant that publishes this client's tracks and data.</summary>
public sealed class LocalParticipant : Participant
{
    private TrackPublicationMap<LocalTrackPublication> _trackPublications = TrackPublicationMap<LocalTrackPublication>.Empty;

    internal LocalParticipant(string sid, string identity)
        : base(sid, identity)
    {
    }

    /// <summary>The tracks this client publishes, by track sid.</summary>
    public new IReadOnlyDictionary<string, LocalTrackPublication> TrackPublications => _trackPublications;

    private protected override IReadOnlyDictionary<string, TrackPublication> TrackPublicationsCore => _trackPublications.AsBase;

    /// <summary>Adds or replaces <paramref name="publication"/> (keyed by its sid).</summary>
    internal void AddTrackPublication(LocalTrackPublication publication) =>
        _trackPublications = _trackPublications.SetItem(publication);

    /// <summary>Removes the publication with <paramref name="sid"/>; returns it, or null when there was none.</summary>
    internal LocalTrackPublication? RemoveTrackPublication(string sid)
    {
        _trackPublications = _trackPublications.Remove(sid, out var removed);
        return removed;
    }
}
