using LiveKit.Api;
using LiveKit.Proto;

namespace LiveKit.Testing.Rooms;

/// <summary>Token claim values (LiveKit.Api's names) as the protocol's enums.</summary>
internal static class GrantMapping
{
    /// <summary>A <c>canPublishSources</c> entry as a TrackSource; false for names the protocol does not know.</summary>
    public static bool TryParseSource(string name, out TrackSource source)
    {
        source = name switch
        {
            TrackSources.Camera => TrackSource.Camera,
            TrackSources.Microphone => TrackSource.Microphone,
            TrackSources.ScreenShare => TrackSource.ScreenShare,
            TrackSources.ScreenShareAudio => TrackSource.ScreenShareAudio,
            _ => TrackSource.Unknown,
        };
        return source != TrackSource.Unknown;
    }

    /// <summary>The token's <c>kind</c> claim as ParticipantInfo.kind (standard when absent or unknown).</summary>
    public static ParticipantInfo.Types.Kind KindFromClaim(string? kind) => kind switch
    {
        ParticipantKinds.Ingress => ParticipantInfo.Types.Kind.Ingress,
        ParticipantKinds.Egress => ParticipantInfo.Types.Kind.Egress,
        ParticipantKinds.Sip => ParticipantInfo.Types.Kind.Sip,
        ParticipantKinds.Agent => ParticipantInfo.Types.Kind.Agent,
        _ => ParticipantInfo.Types.Kind.Standard,
    };
}
