using LiveKit.Api;
using LiveKit.Proto;

namespace LiveKit.Testing.Rooms;

/// <summary>A participant's permissions from its token's video grant (brief §1.3).</summary>
internal static class Permissions
{
    public static ParticipantPermission FromGrants(VideoGrants video)
    {
        var permission = new ParticipantPermission
        {
            CanSubscribe = video.GetCanSubscribe(),
            CanPublish = video.GetCanPublish(),
            CanPublishData = video.GetCanPublishData(),
            Hidden = video.Hidden == true,
            CanUpdateMetadata = video.CanUpdateOwnMetadata == true,
            CanSubscribeMetrics = video.CanSubscribeMetrics == true,
        };
        foreach (string source in video.CanPublishSources ?? System.Array.Empty<string>())
        {
            if (GrantMapping.TryParseSource(source, out TrackSource parsed))
            {
                permission.CanPublishSources.Add(parsed);
            }
        }

        return permission;
    }

    /// <summary>Whether <paramref name="permission"/> lets its holder publish a track from <paramref name="source"/>.</summary>
    public static bool AllowsPublishing(ParticipantPermission? permission, TrackSource source)
    {
        if (permission is null)
        {
            return true;
        }

        if (!permission.CanPublish)
        {
            return false;
        }

        // When sources are listed they supersede canPublish (brief §1.3).
        return permission.CanPublishSources.Count == 0 || permission.CanPublishSources.Contains(source);
    }
}
