using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// One media description (RFC 8866 §5.14): the <c>m=</c> line and the <c>i=</c>, <c>c=</c>, <c>b=</c>, <c>k=</c>
/// and <c>a=</c> lines that follow it. Attributes are kept verbatim and in order; the typed properties read them.
/// </summary>
public sealed record SdpMediaDescription
{
    /// <summary>Media type: <c>audio</c>, <c>video</c>, <c>application</c>...</summary>
    public required string Kind { get; init; }

    /// <summary>Transport port; 9 in JSEP offers (RFC 8829 §5.2.1), 0 for a rejected section.</summary>
    public required int Port { get; init; }

    /// <summary>The <c>/&lt;number of ports&gt;</c> suffix, or null.</summary>
    public int? PortCount { get; init; }

    /// <summary>Protocol, e.g. <c>UDP/TLS/RTP/SAVPF</c> or <c>UDP/DTLS/SCTP</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>Formats: RTP payload types as text, or <c>webrtc-datachannel</c>.</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    /// <summary>The <c>i=</c> text, or null.</summary>
    public string? Information { get; init; }

    /// <summary>The <c>c=</c> lines (more than one only for layered multicast).</summary>
    public IReadOnlyList<SdpConnection> Connections { get; init; } = Array.Empty<SdpConnection>();

    /// <summary>The <c>b=</c> lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = Array.Empty<SdpBandwidth>();

    /// <summary>The obsolete <c>k=</c> text, or null (RFC 8866 §5.12).</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>Every <c>a=</c> line, in order, verbatim.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = Array.Empty<SdpAttribute>();

    /// <summary><c>a=mid</c> (RFC 5888 §4), or null.</summary>
    public string? Mid => SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.Mid);

    /// <summary>The first direction attribute, or sendrecv when none is written (RFC 8866 §6.7).</summary>
    public SdpMediaDirection Direction
    {
        get
        {
            foreach (SdpAttribute attribute in Attributes)
            {
                if (attribute.Value is null && SdpMediaDirectionExtensions.TryParse(attribute.Name, out SdpMediaDirection direction))
                {
                    return direction;
                }
            }

            return SdpMediaDirection.SendRecv;
        }
    }

    /// <summary>True when the port is 0: the section is rejected or stopped (RFC 3264 §6, RFC 8829 §5.3.1).</summary>
    public bool IsRejected => Port == 0;

    /// <summary><c>a=msid</c> lines.</summary>
    public IReadOnlyList<SdpMsid> Msids => SdpAttributeList.All<SdpMsid>(Attributes, SdpAttributeNames.Msid, SdpMsid.TryParse);

    /// <summary><c>a=rtcp-mux</c> is present.</summary>
    public bool RtcpMux => SdpAttributeList.Has(Attributes, SdpAttributeNames.RtcpMux);

    /// <summary><c>a=rtcp-rsize</c> is present.</summary>
    public bool RtcpRsize => SdpAttributeList.Has(Attributes, SdpAttributeNames.RtcpRsize);

    /// <summary><c>a=rtpmap</c> lines, in order.</summary>
    public IReadOnlyList<SdpRtpMap> RtpMaps => SdpAttributeList.All<SdpRtpMap>(Attributes, SdpAttributeNames.RtpMap, SdpRtpMap.TryParse);

    /// <summary><c>a=fmtp</c> lines, in order.</summary>
    public IReadOnlyList<SdpFmtp> Fmtps => SdpAttributeList.All<SdpFmtp>(Attributes, SdpAttributeNames.Fmtp, SdpFmtp.TryParse);

    /// <summary><c>a=rtcp-fb</c> lines, in order.</summary>
    public IReadOnlyList<SdpRtcpFeedback> RtcpFeedbacks =>
        SdpAttributeList.All<SdpRtcpFeedback>(Attributes, SdpAttributeNames.RtcpFb, SdpRtcpFeedback.TryParse);

    /// <summary><c>a=extmap</c> lines, in order.</summary>
    public IReadOnlyList<SdpExtmap> Extmaps => SdpAttributeList.All<SdpExtmap>(Attributes, SdpAttributeNames.Extmap, SdpExtmap.TryParse);

    /// <summary><c>a=ssrc</c> lines, in order.</summary>
    public IReadOnlyList<SdpSsrc> Ssrcs => SdpAttributeList.All<SdpSsrc>(Attributes, SdpAttributeNames.Ssrc, SdpSsrc.TryParse);

    /// <summary><c>a=ssrc-group</c> lines, in order.</summary>
    public IReadOnlyList<SdpSsrcGroup> SsrcGroups =>
        SdpAttributeList.All<SdpSsrcGroup>(Attributes, SdpAttributeNames.SsrcGroup, SdpSsrcGroup.TryParse);

    /// <summary><c>a=rid</c> lines, in order.</summary>
    public IReadOnlyList<SdpRid> Rids => SdpAttributeList.All<SdpRid>(Attributes, SdpAttributeNames.Rid, SdpRid.TryParse);

    /// <summary><c>a=simulcast</c>, or null.</summary>
    public SdpSimulcast? Simulcast => SdpAttributeList.First<SdpSimulcast>(Attributes, SdpAttributeNames.Simulcast, SdpSimulcast.TryParse);

    /// <summary><c>a=candidate</c> lines, in order.</summary>
    public IReadOnlyList<SdpCandidate> Candidates =>
        SdpAttributeList.All<SdpCandidate>(Attributes, SdpAttributeNames.Candidate, SdpCandidate.TryParse);

    /// <summary><c>a=end-of-candidates</c> is present (RFC 8840 §8.2).</summary>
    public bool EndOfCandidates => SdpAttributeList.Has(Attributes, SdpAttributeNames.EndOfCandidates);

    /// <summary><c>a=sctp-port</c> (RFC 8841 §5.1), or null.</summary>
    public int? SctpPort =>
        SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.SctpPort) is string v && SdpText.TryParsePort(v, out int port) ? port : null;

    /// <summary><c>a=max-message-size</c> (RFC 8841 §6.1), or null.</summary>
    public ulong? MaxMessageSize =>
        SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.MaxMessageSize) is string v && SdpText.TryParseULong(v, out ulong size) ? size : null;

    /// <summary>Media-level <c>a=ice-ufrag</c>, or null (then the session level applies, RFC 8839 §5.4).</summary>
    public string? IceUfrag => SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.IceUfrag);

    /// <summary>Media-level <c>a=ice-pwd</c>, or null.</summary>
    public string? IcePwd => SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.IcePwd);

    /// <summary>Media-level <c>a=ice-options</c> tokens.</summary>
    public IReadOnlyList<string> IceOptions => SdpAttributeList.IceOptions(Attributes);

    /// <summary>Media-level <c>a=fingerprint</c> lines.</summary>
    public IReadOnlyList<SdpFingerprint> Fingerprints =>
        SdpAttributeList.All<SdpFingerprint>(Attributes, SdpAttributeNames.Fingerprint, SdpFingerprint.TryParse);

    /// <summary>Media-level <c>a=setup</c>, or null.</summary>
    public SdpSetupRole? Setup => SdpAttributeList.Setup(Attributes);

    /// <summary>Media-level <c>a=extmap-allow-mixed</c> is present.</summary>
    public bool ExtmapAllowMixed => SdpAttributeList.Has(Attributes, SdpAttributeNames.ExtmapAllowMixed);

    /// <summary>The <c>a=rtpmap</c> of a payload type, or null.</summary>
    public SdpRtpMap? GetRtpMap(int payloadType) => RtpMaps.FirstOrDefault(m => m.PayloadType == payloadType);

    /// <summary>The <c>a=fmtp</c> of a payload type, or null.</summary>
    public SdpFmtp? GetFmtp(int payloadType) => Fmtps.FirstOrDefault(f => f.PayloadType == payloadType);

    /// <summary>The <c>a=rtcp-fb</c> lines that apply to a payload type, including <c>*</c> lines.</summary>
    public IReadOnlyList<SdpRtcpFeedback> GetRtcpFeedbacks(int payloadType) =>
        RtcpFeedbacks.Where(f => f.PayloadType is null || f.PayloadType == payloadType).ToList();

    /// <summary>The <c>m=</c> line value (after <c>m=</c>).</summary>
    public string ToMediaLineValue() =>
        Kind + " " + SdpText.Format(Port) + (PortCount is int count ? "/" + SdpText.Format(count) : "") + " " + Protocol + " " + string.Join(' ', Formats);
}
