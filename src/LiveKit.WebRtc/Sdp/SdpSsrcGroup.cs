using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=ssrc-group:&lt;semantics&gt; &lt;ssrc&gt; ...</c> (RFC 5576 §4.2): <c>FID</c> pairs a media SSRC with its
/// retransmission SSRC (RFC 4588 §8.3), <c>SIM</c> lists simulcast layers.
/// </summary>
/// <param name="Semantics">e.g. <c>FID</c>, <c>SIM</c>, <c>FEC-FR</c>.</param>
/// <param name="Ssrcs">The SSRCs in order.</param>
public sealed record SdpSsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs)
{
    /// <summary>Flow identification: media SSRC then its RTX SSRC.</summary>
    public const string Fid = "FID";

    /// <summary>Simulcast layers, lowest first.</summary>
    public const string Sim = "SIM";

    /// <summary>Parses the value of <c>a=ssrc-group</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpSsrcGroup? group, out string error)
    {
        group = null;
        string[] parts = SdpText.SplitSpaces(value);
        if (parts.Length < 2 || !SdpText.IsToken(parts[0]))
        {
            error = "a=ssrc-group must be <semantics> <ssrc> ...";
            return false;
        }

        var ssrcs = new uint[parts.Length - 1];
        for (int i = 1; i < parts.Length; i++)
        {
            if (!SdpText.TryParseUInt(parts[i], out ssrcs[i - 1]))
            {
                error = $"a=ssrc-group member '{parts[i]}' is not an SSRC";
                return false;
            }
        }

        group = new SdpSsrcGroup(parts[0], ssrcs);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue()
    {
        var parts = new List<string> { Semantics };
        foreach (uint ssrc in Ssrcs)
        {
            parts.Add(SdpText.Format(ssrc));
        }

        return string.Join(' ', parts);
    }

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.SsrcGroup, ToValue());
}
