namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// Checks the attributes this library types, so that a session description that parsed has typed views that hold
/// every line. Unknown attributes are not checked (RFC 8866 §5.13: unknown attributes are ignored).
/// </summary>
internal static class SdpAttributeValidator
{
    public static bool TryValidate(SdpAttribute attribute, out string error)
    {
        string name = attribute.Name;
        string? value = attribute.Value;
        switch (name)
        {
            case SdpAttributeNames.Group: return Check<SdpGroup>(name, value, SdpGroup.TryParse, out error);
            case SdpAttributeNames.MsidSemantic: return Check<SdpMsidSemantic>(name, value, SdpMsidSemantic.TryParse, out error);
            case SdpAttributeNames.Fingerprint: return Check<SdpFingerprint>(name, value, SdpFingerprint.TryParse, out error);
            case SdpAttributeNames.Msid: return Check<SdpMsid>(name, value, SdpMsid.TryParse, out error);
            case SdpAttributeNames.RtpMap: return Check<SdpRtpMap>(name, value, SdpRtpMap.TryParse, out error);
            case SdpAttributeNames.Fmtp: return Check<SdpFmtp>(name, value, SdpFmtp.TryParse, out error);
            case SdpAttributeNames.RtcpFb: return Check<SdpRtcpFeedback>(name, value, SdpRtcpFeedback.TryParse, out error);
            case SdpAttributeNames.Extmap: return Check<SdpExtmap>(name, value, SdpExtmap.TryParse, out error);
            case SdpAttributeNames.Ssrc: return Check<SdpSsrc>(name, value, SdpSsrc.TryParse, out error);
            case SdpAttributeNames.SsrcGroup: return Check<SdpSsrcGroup>(name, value, SdpSsrcGroup.TryParse, out error);
            case SdpAttributeNames.Rid: return Check<SdpRid>(name, value, SdpRid.TryParse, out error);
            case SdpAttributeNames.Simulcast: return Check<SdpSimulcast>(name, value, SdpSimulcast.TryParse, out error);
            case SdpAttributeNames.Candidate: return Check<SdpCandidate>(name, value, SdpCandidate.TryParse, out error);
            case SdpAttributeNames.Mid:
            case SdpAttributeNames.IceUfrag:
            case SdpAttributeNames.IcePwd:
            case SdpAttributeNames.IceOptions:
                return CheckNonEmpty(name, value, out error);
            case SdpAttributeNames.Setup:
                if (value is null || !SdpSetupRoleExtensions.TryParse(value, out _))
                {
                    error = "a=setup must be actpass, active, passive or holdconn";
                    return false;
                }

                break;
            case SdpAttributeNames.SctpPort:
                if (value is null || !SdpText.TryParsePort(value, out _))
                {
                    error = "a=sctp-port must be 0 to 65535";
                    return false;
                }

                break;
            case SdpAttributeNames.MaxMessageSize:
                if (value is null || !SdpText.TryParseULong(value, out _))
                {
                    error = "a=max-message-size must be an unsigned number";
                    return false;
                }

                break;
        }

        error = "";
        return true;
    }

    private static bool Check<T>(string name, string? value, SdpValueParser<T> parse, out string error)
        where T : class
    {
        if (value is null)
        {
            error = $"a={name} needs a value";
            return false;
        }

        return parse(value, out _, out error);
    }

    private static bool CheckNonEmpty(string name, string? value, out string error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"a={name} needs a value";
            return false;
        }

        error = "";
        return true;
    }
}
