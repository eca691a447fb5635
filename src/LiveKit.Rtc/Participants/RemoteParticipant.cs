using System.Collections.Generic;

namespace LiveKit.Rtc;

/// <summary>A participant of the room other than this client.</summary>
public sealed class RemoteParticipant : Participant
{
    private TrackPublicationMap<RemoteTrackPublication> _trackPublications = TrackPublicationMap<RemoteTrackPublication>.Empty;

    internal RemoteParticipant(string sid, string identity)
        : base(sid, identity)
    {
    }

    /// <summary>The tracks this participant publishes, by track sid, subscribed or not.</summary>
    public new IReadOnlyDictionary<string, RemoteTrackPublication> TrackPublications => _trackPublications;

    private protected override IReadOnlyDictionary<string, TrackPublication> TrackPublicationsCore => _trackPublications.AsBase;

    /// <summary>Adds or replaces <paramref name="publication"/> (keyed by its sid).</summary>
    internal void AddTrackPublication(RemoteTrackPublication publication) =>
        _trackPublications = _trackPublications.SetItem(publication);

    /// <summary>Removes the publication with <paramref name="sid"/>; returns it, or null when there was none.</summary>
    internal RemoteTrackPublication? RemoveTrackPublication(string sid)
    {
        _trackPublications = _trackPublications.Remove(sid, out var removed);
        return removed;
    }
}
