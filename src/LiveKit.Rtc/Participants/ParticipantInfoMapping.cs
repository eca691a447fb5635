using System.Collections.Immutable;
using System.Linq;

namespace LiveKit.Rtc;

/// <summary>Converts the wire's participant and track descriptions (ParticipantInfo, TrackInfo) into the SDK's model.</summary>
internal static class ParticipantInfoMapping
{
    /// <summary>Copies the participant-level fields (not the tracks) of <paramref name="info"/> into <paramref name="participant"/>.</summary>
    public static void Apply(Participant participant, Proto.ParticipantInfo info)
    {
        participant.Sid = info.Sid;
        participant.Name = info.Name;
        participant.Metadata = info.Metadata;
        participant.Kind = (ParticipantKind)info.Kind;
        participant.Version = info.Version;
        participant.SetAttributes(info.Attributes.ToImmutableDictionary());
        if (info.Permission is { } permission)
        {
            participant.Permissions = ToPermission(permission);
        }
    }

    public static ParticipantPermission ToPermission(Proto.ParticipantPermission permission) => new(
        permission.CanSubscribe,
        permission.CanPublish,
        permission.CanPublishData,
        permission.CanPublishSources.Select(s => (TrackSource)s).ToImmutableArray(),
        permission.Hidden,
        permission.CanUpdateMetadata);

    /// <summary>A new remote publication described by <paramref name="track"/>.</summary>
    public static RemoteTrackPublication CreatePublication(Proto.TrackInfo track, RemoteParticipant participant, Room room)
    {
        var publication = new RemoteTrackPublication(track.Sid, track.Name, ToKind(track.Type), (TrackSource)track.Source, participant, room);
        Apply(publication, track);
        return publication;
    }

    /// <summary>Copies the changeable fields of <paramref name="track"/> (not the mute state, which the room emits).</summary>
    public static void Apply(TrackPublication publication, Proto.TrackInfo track)
    {
        publication.MimeType = track.MimeType;
        publication.Width = (int)track.Width;
        publication.Height = (int)track.Height;
        publication.IsSimulcasted = track.Simulcast || track.Layers.Count > 1;
        publication.EncryptionType = (EncryptionType)track.Encryption;
    }

    public static TrackKind ToKind(Proto.TrackType type) => type switch
    {
        Proto.TrackType.Audio => TrackKind.Audio,
        Proto.TrackType.Video => TrackKind.Video,
        _ => TrackKind.Unknown,
    };
}
