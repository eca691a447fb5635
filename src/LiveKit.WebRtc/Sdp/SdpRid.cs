using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>Direction of an <c>a=rid</c> line (RFC 8851 §10).</summary>
public enum SdpRidDirection
{
    /// <summary><c>send</c>.</summary>
    Send,
    /// <summary><c>recv</c>.</summary>
    Receive,
}

/// <summary>
/// <c>a=rid:&lt;rid-id&gt; &lt;send|recv&gt; [&lt;restrictions&gt;]</c> (RFC 8851 §10), one RTP stream of a
/// simulcast, e.g. <c>a=rid:q send</c> or <c>a=rid:h send pt=96;max-width=1280</c>.
/// </summary>
/// <param name="Id">The rid-id, alphanumerics, <c>-</c> and <c>_</c>.</param>
/// <param name="Direction">send or recv.</param>
/// <param name="Restrictions">The <c>pt=</c> and <c>max-*</c> restrictions as written, or null.</param>
public sealed record SdpRid(string Id, SdpRidDirection Direction, string? Restrictions = null)
{
    /// <summary>Parses the value of <c>a=rid</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpRid? rid, out string error)
    {
        rid = null;
        string[] parts = value.Split(' ', 3);
        if (parts.Length < 2 || !IsRidId(parts[0]))
        {
            error = "a=rid must be <rid-id> <send|recv> [<restrictions>]";
            return false;
        }

        SdpRidDirection direction;
        switch (parts[1])
        {
            case "send": direction = SdpRidDirection.Send; break;
            case "recv": direction = SdpRidDirection.Receive; break;
            default:
                error = "a=rid direction must be send or recv";
                return false;
        }

        rid = new SdpRid(parts[0], direction, parts.Length == 3 ? parts[2] : null);
        error = "";
        return true;
    }

    /// <summary>RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_").</summary>
    internal static bool IsRidId(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() =>
        Id + (Direction == SdpRidDirection.Send ? " send" : " recv") + (Restrictions is null ? "" : " " + Restrictions);

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Rid, ToValue());
}
