using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=rtcp-fb:&lt;payload type | *&gt; &lt;type&gt; [&lt;parameter&gt;]</c> (RFC 4585 §4.2), e.g.
/// <c>a=rtcp-fb:96 nack pli</c> or <c>a=rtcp-fb:111 transport-cc</c>.
/// </summary>
/// <param name="PayloadType">The payload type, or null for <c>*</c> (all payload types).</param>
/// <param name="Type">Feedback type: <c>nack</c>, <c>ccm</c>, <c>goog-remb</c>, <c>transport-cc</c>...</param>
/// <param name="Parameter">The rest of the line (e.g. <c>pli</c>, <c>fir</c>), or null.</param>
public sealed record SdpRtcpFeedback(int? PayloadType, string Type, string? Parameter)
{
    /// <summary>Parses the value of <c>a=rtcp-fb</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpRtcpFeedback? feedback, out string error)
    {
        feedback = null;
        string[] parts = value.Split(' ', 3);
        if (parts.Length < 2 || !SdpText.IsToken(parts[1]))
        {
            error = "a=rtcp-fb must be <payload type | *> <type> [<parameter>]";
            return false;
        }

        int? pt = null;
        if (parts[0] != "*")
        {
            if (!SdpText.TryParseInt(parts[0], out int parsed) || parsed > 127)
            {
                error = "a=rtcp-fb payload type must be 0 to 127 or *";
                return false;
            }

            pt = parsed;
        }

        feedback = new SdpRtcpFeedback(pt, parts[1], parts.Length == 3 ? parts[2] : null);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() =>
        (PayloadType is int pt ? SdpText.Format(pt) : "*") + " " + Type + (Parameter is null ? "" : " " + Parameter);

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.RtcpFb, ToValue());
}
