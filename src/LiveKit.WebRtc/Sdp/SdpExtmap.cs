using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;URI&gt; [&lt;extension attributes&gt;]</c> (RFC 8285 §5), an RTP header
/// extension and the id it uses on the wire.
/// </summary>
/// <param name="Id">1 to 14 for one-byte headers, up to 255 for two-byte headers, 4096 to 4351 in offers (RFC 8285 §7).</param>
/// <param name="Direction">The direction suffix, or null when absent (which means sendrecv).</param>
/// <param name="Uri">The extension URI.</param>
/// <param name="ExtensionAttributes">Anything after the URI, or null.</param>
public sealed record SdpExtmap(int Id, SdpMediaDirection? Direction, string Uri, string? ExtensionAttributes = null)
{
    /// <summary>Parses the value of <c>a=extmap</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpExtmap? extmap, out string error)
    {
        extmap = null;
        string[] parts = value.Split(' ', 3);
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            error = "a=extmap must be <id>[/<direction>] <URI> [<attributes>]";
            return false;
        }

        string idText = parts[0];
        SdpMediaDirection? direction = null;
        int slash = idText.IndexOf('/');
        if (slash >= 0)
        {
            if (!SdpMediaDirectionExtensions.TryParse(idText[(slash + 1)..], out SdpMediaDirection parsedDirection))
            {
                error = "a=extmap direction must be sendrecv, sendonly, recvonly or inactive";
                return false;
            }

            direction = parsedDirection;
            idText = idText[..slash];
        }

        if (!SdpText.TryParseInt(idText, out int id) || !(id is >= 1 and <= 255 || id is >= 4096 and <= 4351))
        {
            error = "a=extmap id must be 1 to 255 or 4096 to 4351";
            return false;
        }

        extmap = new SdpExtmap(id, direction, parts[1], parts.Length == 3 ? parts[2] : null);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() =>
        SdpText.Format(Id) + (Direction is SdpMediaDirection d ? "/" + d.ToAttributeName() : "") + " " + Uri
        + (ExtensionAttributes is null ? "" : " " + ExtensionAttributes);

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Extmap, ToValue());
}
