namespace LiveKit.WebRtc.Sdp;

/// <summary>The media direction attributes of RFC 8866 §6.7 (and RFC 3264 §6.1 for how an answer mirrors them).</summary>
public enum SdpMediaDirection
{
    /// <summary><c>a=sendrecv</c>, the default when no direction is written.</summary>
    SendRecv,
    /// <summary><c>a=sendonly</c>.</summary>
    SendOnly,
    /// <summary><c>a=recvonly</c>.</summary>
    RecvOnly,
    /// <summary><c>a=inactive</c>.</summary>
    Inactive,
}

/// <summary>Conversions and the offer/answer algebra of <see cref="SdpMediaDirection"/>.</summary>
public static class SdpMediaDirectionExtensions
{
    /// <summary>The attribute name: <c>sendrecv</c>, <c>sendonly</c>, <c>recvonly</c> or <c>inactive</c>.</summary>
    public static string ToAttributeName(this SdpMediaDirection direction) => direction switch
    {
        SdpMediaDirection.SendOnly => SdpAttributeNames.SendOnly,
        SdpMediaDirection.RecvOnly => SdpAttributeNames.RecvOnly,
        SdpMediaDirection.Inactive => SdpAttributeNames.Inactive,
        _ => SdpAttributeNames.SendRecv,
    };

    /// <summary>Maps an attribute name to a direction; false for any other name.</summary>
    public static bool TryParse(string name, out SdpMediaDirection direction)
    {
        switch (name)
        {
            case SdpAttributeNames.SendRecv: direction = SdpMediaDirection.SendRecv; return true;
            case SdpAttributeNames.SendOnly: direction = SdpMediaDirection.SendOnly; return true;
            case SdpAttributeNames.RecvOnly: direction = SdpMediaDirection.RecvOnly; return true;
            case SdpAttributeNames.Inactive: direction = SdpMediaDirection.Inactive; return true;
            default: direction = SdpMediaDirection.SendRecv; return false;
        }
    }

    /// <summary>The same stream seen from the other peer: send-only becomes receive-only and back (RFC 3264 §6.1).</summary>
    public static SdpMediaDirection Reverse(this SdpMediaDirection direction) => direction switch
    {
        SdpMediaDirection.SendOnly => SdpMediaDirection.RecvOnly,
        SdpMediaDirection.RecvOnly => SdpMediaDirection.SendOnly,
        _ => direction,
    };

    /// <summary>True when this direction includes sending.</summary>
    public static bool Sends(this SdpMediaDirection direction) =>
        direction is SdpMediaDirection.SendRecv or SdpMediaDirection.SendOnly;

    /// <summary>True when this direction includes receiving.</summary>
    public static bool Receives(this SdpMediaDirection direction) =>
        direction is SdpMediaDirection.SendRecv or SdpMediaDirection.RecvOnly;

    /// <summary>The direction that allows only what both allow.</summary>
    public static SdpMediaDirection Intersect(this SdpMediaDirection direction, SdpMediaDirection other)
    {
        bool send = direction.Sends() && other.Sends();
        bool receive = direction.Receives() && other.Receives();
        return (send, receive) switch
        {
            (true, true) => SdpMediaDirection.SendRecv,
            (true, false) => SdpMediaDirection.SendOnly,
            (false, true) => SdpMediaDirection.RecvOnly,
            _ => SdpMediaDirection.Inactive,
        };
    }
}
