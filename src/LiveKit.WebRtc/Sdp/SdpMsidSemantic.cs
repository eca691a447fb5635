using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=msid-semantic: WMS [ids]</c>, the pre-RFC 8830 stream semantic that Chromium and pion still write
/// (draft-ietf-mmusic-msid-05 §3). Chromium writes two spaces before <c>WMS</c>; any spacing is accepted.
/// </summary>
/// <param name="Semantic">Usually <c>WMS</c>.</param>
/// <param name="Ids">Stream ids, or <c>*</c> (pion) for all.</param>
public sealed record SdpMsidSemantic(string Semantic, IReadOnlyList<string> Ids)
{
    /// <summary>Parses the value of <c>a=msid-semantic</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpMsidSemantic? semantic, out string error)
    {
        semantic = null;
        string[] parts = SdpText.SplitSpaces(value);
        if (parts.Length == 0)
        {
            error = "a=msid-semantic needs a semantic token";
            return false;
        }

        semantic = new SdpMsidSemantic(parts[0], parts[1..]);
        error = "";
        return true;
    }

    /// <summary>The attribute value, with the single leading space most writers use.</summary>
    public string ToValue() => " " + (Ids.Count == 0 ? Semantic : Semantic + " " + string.Join(' ', Ids));

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.MsidSemantic, ToValue());
}
