namespace LiveKit.WebRtc.Sdp;

/// <summary>Names of the attributes this parser types and validates.</summary>
public static class SdpAttributeNames
{
    /// <summary>RFC 5888 §5.</summary>
    public const string Group = "group";
    /// <summary>WebRTC's stream semantic (draft-ietf-mmusic-msid, kept by Chromium).</summary>
    public const string MsidSemantic = "msid-semantic";
    /// <summary>RFC 8839 §5.4.</summary>
    public const string IceUfrag = "ice-ufrag";
    /// <summary>RFC 8839 §5.4.</summary>
    public const string IcePwd = "ice-pwd";
    /// <summary>RFC 8839 §5.6.</summary>
    public const string IceOptions = "ice-options";
    /// <summary>RFC 8122 §5.</summary>
    public const string Fingerprint = "fingerprint";
    /// <summary>RFC 4145 §4.</summary>
    public const string Setup = "setup";
    /// <summary>RFC 8285 §6.</summary>
    public const string ExtmapAllowMixed = "extmap-allow-mixed";
    /// <summary>RFC 5888 §4.</summary>
    public const string Mid = "mid";
    /// <summary>RFC 8866 §6.7.</summary>
    public const string SendRecv = "sendrecv";
    /// <summary>RFC 8866 §6.7.</summary>
    public const string SendOnly = "sendonly";
    /// <summary>RFC 8866 §6.7.</summary>
    public const string RecvOnly = "recvonly";
    /// <summary>RFC 8866 §6.7.</summary>
    public const string Inactive = "inactive";
    /// <summary>RFC 8830 §2.</summary>
    public const string Msid = "msid";
    /// <summary>RFC 5761 §5.1.</summary>
    public const string RtcpMux = "rtcp-mux";
    /// <summary>RFC 5506 §5.</summary>
    public const string RtcpRsize = "rtcp-rsize";
    /// <summary>RFC 8866 §6.6.</summary>
    public const string RtpMap = "rtpmap";
    /// <summary>RFC 8866 §6.15.</summary>
    public const string Fmtp = "fmtp";
    /// <summary>RFC 4585 §4.2.</summary>
    public const string RtcpFb = "rtcp-fb";
    /// <summary>RFC 8285 §5.</summary>
    public const string Extmap = "extmap";
    /// <summary>RFC 5576 §4.1.</summary>
    public const string Ssrc = "ssrc";
    /// <summary>RFC 5576 §4.2.</summary>
    public const string SsrcGroup = "ssrc-group";
    /// <summary>RFC 8851 §4.</summary>
    public const string Rid = "rid";
    /// <summary>RFC 8853 §5.1.</summary>
    public const string Simulcast = "simulcast";
    /// <summary>RFC 8839 §5.1.</summary>
    public const string Candidate = "candidate";
    /// <summary>RFC 8840 §8.2.</summary>
    public const string EndOfCandidates = "end-of-candidates";
    /// <summary>RFC 8841 §5.1.</summary>
    public const string SctpPort = "sctp-port";
    /// <summary>RFC 8841 §6.1.</summary>
    public const string MaxMessageSize = "max-message-size";
}
