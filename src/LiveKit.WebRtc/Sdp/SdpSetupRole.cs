namespace LiveKit.WebRtc.Sdp;

/// <summary>The <c>a=setup</c> values of RFC 4145 §4, which pick the DTLS client (RFC 8842 §5).</summary>
public enum SdpSetupRole
{
    /// <summary><c>actpass</c>: an offerer willing to take either role (RFC 8842 §5.2 requires it in offers).</summary>
    ActPass,
    /// <summary><c>active</c>: this endpoint is the DTLS client.</summary>
    Active,
    /// <summary><c>passive</c>: this endpoint is the DTLS server.</summary>
    Passive,
    /// <summary><c>holdconn</c>: no connection now.</summary>
    HoldConn,
}

/// <summary>Text forms of <see cref="SdpSetupRole"/>.</summary>
public static class SdpSetupRoleExtensions
{
    /// <summary>The attribute value.</summary>
    public static string ToValue(this SdpSetupRole role) => role switch
    {
        SdpSetupRole.Active => "active",
        SdpSetupRole.Passive => "passive",
        SdpSetupRole.HoldConn => "holdconn",
        _ => "actpass",
    };

    /// <summary>Parses an attribute value; false for anything RFC 4145 does not define.</summary>
    public static bool TryParse(string value, out SdpSetupRole role)
    {
        switch (value)
        {
            case "actpass": role = SdpSetupRole.ActPass; return true;
            case "active": role = SdpSetupRole.Active; return true;
            case "passive": role = SdpSetupRole.Passive; return true;
            case "holdconn": role = SdpSetupRole.HoldConn; return true;
            default: role = SdpSetupRole.ActPass; return false;
        }
    }
}
