using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// A session description (RFC 8866 §5): the session-level lines and the media descriptions. Immutable; build
/// changed copies with <c>with</c>. <see cref="ToString"/> writes the SDP text with CRLF line endings.
/// </summary>
public sealed record SessionDescription
{
    /// <summary><c>v=</c>, always 0 (RFC 8866 §5.1).</summary>
    public int Version { get; init; }

    /// <summary><c>o=</c>.</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary><c>s=</c>; JSEP writes <c>-</c> (RFC 8829 §5.2.1).</summary>
    public string SessionName { get; init; } = "-";

    /// <summary><c>i=</c>, or null.</summary>
    public string? Information { get; init; }

    /// <summary><c>u=</c>, or null.</summary>
    public string? Uri { get; init; }

    /// <summary><c>e=</c> lines.</summary>
    public IReadOnlyList<string> Emails { get; init; } = Array.Empty<string>();

    /// <summary><c>p=</c> lines.</summary>
    public IReadOnlyList<string> Phones { get; init; } = Array.Empty<string>();

    /// <summary>Session-level <c>c=</c>, or null.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>Session-level <c>b=</c> lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = Array.Empty<SdpBandwidth>();

    /// <summary><c>t=</c> lines with their <c>r=</c> lines; at least one (RFC 8866 §5.9).</summary>
    public IReadOnlyList<SdpTiming> Timings { get; init; } = new[] { SdpTiming.Unbounded };

    /// <summary><c>z=</c> text, or null.</summary>
    public string? TimeZones { get; init; }

    /// <summary>The obsolete <c>k=</c> text, or null.</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>Session-level <c>a=</c> lines, in order, verbatim.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = Array.Empty<SdpAttribute>();

    /// <summary>The media descriptions, in order.</summary>
    public IReadOnlyList<SdpMediaDescription> MediaDescriptions { get; init; } = Array.Empty<SdpMediaDescription>();

    /// <summary><c>a=group</c> lines.</summary>
    public IReadOnlyList<SdpGroup> Groups => SdpAttributeList.All<SdpGroup>(Attributes, SdpAttributeNames.Group, SdpGroup.TryParse);

    /// <summary>The first <c>a=group:BUNDLE</c> (RFC 9143 §7), or null.</summary>
    public SdpGroup? BundleGroup => Groups.FirstOrDefault(g => g.Semantics == SdpGroup.Bundle);

    /// <summary><c>a=msid-semantic</c>, or null.</summary>
    public SdpMsidSemantic? MsidSemantic =>
        SdpAttributeList.First<SdpMsidSemantic>(Attributes, SdpAttributeNames.MsidSemantic, SdpMsidSemantic.TryParse);

    /// <summary>Session-level <c>a=ice-ufrag</c>, or null.</summary>
    public string? IceUfrag => SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.IceUfrag);

    /// <summary>Session-level <c>a=ice-pwd</c>, or null.</summary>
    public string? IcePwd => SdpAttributeList.FirstValue(Attributes, SdpAttributeNames.IcePwd);

    /// <summary>Session-level <c>a=ice-options</c> tokens.</summary>
    public IReadOnlyList<string> IceOptions => SdpAttributeList.IceOptions(Attributes);

    /// <summary>Session-level <c>a=fingerprint</c> lines (pion writes them here).</summary>
    public IReadOnlyList<SdpFingerprint> Fingerprints =>
        SdpAttributeList.All<SdpFingerprint>(Attributes, SdpAttributeNames.Fingerprint, SdpFingerprint.TryParse);

    /// <summary>Session-level <c>a=setup</c>, or null.</summary>
    public SdpSetupRole? Setup => SdpAttributeList.Setup(Attributes);

    /// <summary><c>a=extmap-allow-mixed</c> is present (RFC 8285 §6).</summary>
    public bool ExtmapAllowMixed => SdpAttributeList.Has(Attributes, SdpAttributeNames.ExtmapAllowMixed);

    /// <summary>The media description with this <c>a=mid</c>, or null.</summary>
    public SdpMediaDescription? FindByMid(string mid) => MediaDescriptions.FirstOrDefault(m => m.Mid == mid);

    /// <summary>The SDP text, CRLF line endings, in RFC 8866 §5 order.</summary>
    public override string ToString() => SdpSerializer.Serialize(this);
}
