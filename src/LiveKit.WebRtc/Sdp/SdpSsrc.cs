using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=ssrc:&lt;ssrc&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> (RFC 5576 §4.1), e.g. <c>a=ssrc:1 cname:abc</c> or
/// <c>a=ssrc:1 msid:stream track</c>.
/// </summary>
/// <param name="Ssrc">The synchronization source.</param>
/// <param name="Attribute">The source attribute name: <c>cname</c>, <c>msid</c>, <c>mslabel</c>, <c>label</c>...</param>
/// <param name="Value">The value after the colon (may contain spaces), or null.</param>
public sealed record SdpSsrc(uint Ssrc, string Attribute, string? Value)
{
    /// <summary>Source attribute name of the RTCP canonical name (RFC 5576 §6.1).</summary>
    public const string CnameAttribute = "cname";

    /// <summary>Source attribute name of the stream and track ids (RFC 8830 §2, legacy form).</summary>
    public const string MsidAttribute = "msid";

    /// <summary>Parses the value of <c>a=ssrc</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpSsrc? ssrc, out string error)
    {
        ssrc = null;
        int space = value.IndexOf(' ');
        if (space <= 0 || !SdpText.TryParseUInt(value[..space], out uint id))
        {
            error = "a=ssrc must be <ssrc 0-4294967295> <attribute>[:<value>]";
            return false;
        }

        (string name, string? attributeValue) = SdpText.SplitAtColon(value[(space + 1)..]);
        if (!SdpText.IsToken(name))
        {
            error = "a=ssrc source attribute name must be a token";
            return false;
        }

        ssrc = new SdpSsrc(id, name, attributeValue);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() => SdpText.Format(Ssrc) + " " + Attribute + (Value is null ? "" : ":" + Value);

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Ssrc, ToValue());
}
