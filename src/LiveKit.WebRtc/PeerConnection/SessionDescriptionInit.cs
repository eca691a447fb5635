namespace LiveKit.WebRtc;

/// <summary>The type of a session description (W3C WebRTC §4.8.1; JSEP RFC 8829 §4.1.8).</summary>
public enum SdpType
{
    /// <summary>An offer.</summary>
    Offer,

    /// <summary>An answer, final for this negotiation.</summary>
    Answer,
}

/// <summary>A session description as signalled: its type and SDP text (RTCSessionDescriptionInit).</summary>
/// <param name="Type">Offer or answer.</param>
/// <param name="Sdp">The SDP text (RFC 8866).</param>
public sealed record SessionDescriptionInit(SdpType Type, string Sdp)
{
    /// <summary>The W3C name of the type: <c>offer</c> or <c>answer</c>, as LiveKit's SessionDescription.type carries it.</summary>
    public string TypeName => Type == SdpType.Offer ? "offer" : "answer";

    /// <summary>Reads a W3C type name; false for anything but <c>offer</c> and <c>answer</c>.</summary>
    public static bool TryParseType(string? name, out SdpType type)
    {
        type = name == "answer" ? SdpType.Answer : SdpType.Offer;
        return name is "offer" or "answer";
    }
}
