namespace LiveKit.Api;

/// <summary>
/// Values of the token's <c>kind</c> claim (<see cref="ClaimGrants.Kind"/>): the lower-cased names of the protocol's
/// <c>ParticipantInfo.Kind</c> enum (livekit/protocol <c>auth/grants.go</c>, <c>kindFromProto</c>). The server reads
/// an empty or unknown kind as <see cref="Standard"/>.
/// </summary>
public static class ParticipantKinds
{
    /// <summary>A regular participant.</summary>
    public const string Standard = "standard";

    /// <summary>An ingress (media brought in from RTMP, WHIP...).</summary>
    public const string Ingress = "ingress";

    /// <summary>An egress (recorder or streamer).</summary>
    public const string Egress = "egress";

    /// <summary>A SIP call.</summary>
    public const string Sip = "sip";

    /// <summary>An agent.</summary>
    public const string Agent = "agent";
}
