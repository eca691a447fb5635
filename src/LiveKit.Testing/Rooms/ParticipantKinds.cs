using LiveKit.Proto;

namespace LiveKit.Testing.Rooms;

/// <summary>The token's <c>kind</c> claim as ParticipantInfo.kind.</summary>
internal static class ParticipantKinds
{
    public static ParticipantInfo.Types.Kind FromClaim(string? kind) => kind switch
    {
        "ingress" => ParticipantInfo.Types.Kind.Ingress,
        "egress" => ParticipantInfo.Types.Kind.Egress,
        "sip" => ParticipantInfo.Types.Kind.Sip,
        "agent" => ParticipantInfo.Types.Kind.Agent,
        _ => ParticipantInfo.Types.Kind.Standard,
    };
}
