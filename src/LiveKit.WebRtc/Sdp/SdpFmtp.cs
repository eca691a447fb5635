using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c> (RFC 8866 §6.15). For RTP the format is a payload
/// type; the parameters are usually <c>key=value;key=value</c> but may be anything (RED writes <c>111/111</c>).
/// </summary>
/// <param name="PayloadType">The payload type the parameters apply to.</param>
/// <param name="Parameters">The parameter text as written.</param>
public sealed record SdpFmtp(int PayloadType, string Parameters)
{
    /// <summary>Parses the value of <c>a=fmtp</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpFmtp? fmtp, out string error)
    {
        fmtp = null;
        int space = value.IndexOf(' ');
        if (space <= 0 || !SdpText.TryParseInt(value[..space], out int pt) || pt > 127)
        {
            error = "a=fmtp must be <payload type 0-127> <parameters>";
            return false;
        }

        fmtp = new SdpFmtp(pt, value[(space + 1)..]);
        error = "";
        return true;
    }

    /// <summary>
    /// The <c>key=value</c> pairs separated by <c>;</c> (keys compared case-insensitively, RFC 8866 §6.15 leaves
    /// the syntax to the codec); a piece without <c>=</c> becomes a key with an empty value.
    /// </summary>
    public IReadOnlyDictionary<string, string> GetParameterMap()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string piece in Parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = piece.IndexOf('=');
            string key = equals < 0 ? piece : piece[..equals];
            map[key] = equals < 0 ? "" : piece[(equals + 1)..];
        }

        return map;
    }

    /// <summary>The payload type named by <c>apt=</c> (RFC 4588 §8.1, retransmission), or null.</summary>
    public int? AssociatedPayloadType =>
        GetParameterMap().TryGetValue("apt", out string? apt) && SdpText.TryParseInt(apt, out int pt) ? pt : null;

    /// <summary>The attribute value.</summary>
    public string ToValue() => SdpText.Format(PayloadType) + " " + Parameters;

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Fmtp, ToValue());
}
