using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary><c>a=group:&lt;semantics&gt; *(SP &lt;mid&gt;)</c> (RFC 5888 §5), e.g. <c>a=group:BUNDLE 0 1</c> (RFC 9143 §7).</summary>
/// <param name="Semantics">The group semantics, e.g. <c>BUNDLE</c>.</param>
/// <param name="Mids">The media identification tags, in order.</param>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids)
{
    /// <summary>The BUNDLE semantics of RFC 9143.</summary>
    public const string Bundle = "BUNDLE";

    /// <summary>Parses the value of <c>a=group</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpGroup? group, out string error)
    {
        group = null;
        string[] parts = SdpText.SplitSpaces(value);
        if (parts.Length == 0 || !SdpText.IsToken(parts[0]))
        {
            error = "a=group needs a semantics token";
            return false;
        }

        group = new SdpGroup(parts[0], parts[1..]);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() => Mids.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Mids);

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Group, ToValue());
}
