namespace LiveKit.Rtc;

/// <summary>
/// What kind of client a participant is. The numbers are those of LiveKit's <c>ParticipantInfo.Kind</c>
/// (livekit_models.proto); 5 and 6 are not used by the protocol.
/// </summary>
public enum ParticipantKind
{
    /// <summary>A regular participant: a user's app, a bot, a backend service.</summary>
    Standard = 0,

    /// <summary>An ingress that brings an external stream (RTMP, WHIP...) into the room.</summary>
    Ingress = 1,

    /// <summary>An egress that records or streams the room out.</summary>
    Egress = 2,

    /// <summary>A SIP (telephony) participant.</summary>
    Sip = 3,

    /// <summary>A LiveKit agent.</summary>
    Agent = 4,

    /// <summary>A connector that links the room to an external service.</summary>
    Connector = 7,

    /// <summary>A bridge to another room or system.</summary>
    Bridge = 8,
}
