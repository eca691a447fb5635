using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c>
/// (RFC 8866 §6.6); for audio the encoding parameter is the channel count.
/// </summary>
/// <param name="PayloadType">Payload type, 0 to 127.</param>
/// <param name="EncodingName">Codec name as written, e.g. <c>opus</c>, <c>VP8</c>, <c>rtx</c>.</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Channel count, null when not written (RFC 8866 §6.6: then 1 for audio).</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels)
{
    /// <summary>Parses the value of <c>a=rtpmap</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpRtpMap? rtpMap, out string error)
    {
        rtpMap = null;
        string[] parts = value.Split(' ');
        if (parts.Length != 2)
        {
            error = "a=rtpmap must be <payload type> <encoding name>/<clock rate>[/<channels>]";
            return false;
        }

        if (!SdpText.TryParseInt(parts[0], out int pt) || pt > 127)
        {
            error = "a=rtpmap payload type must be 0 to 127";
            return false;
        }

        string[] encoding = parts[1].Split('/');
        if (encoding.Length is < 2 or > 3 || !SdpText.IsToken(encoding[0]))
        {
            error = "a=rtpmap encoding must be <name>/<clock rate>[/<channels>]";
            return false;
        }

        if (!SdpText.TryParseInt(encoding[1], out int clockRate) || clockRate == 0)
        {
            error = "a=rtpmap clock rate must be a positive number";
            return false;
        }

        int? channels = null;
        if (encoding.Length == 3)
        {
            if (!SdpText.TryParseInt(encoding[2], out int parsed) || parsed == 0)
            {
                error = "a=rtpmap channel count must be a positive number";
                return false;
            }

            channels = parsed;
        }

        rtpMap = new SdpRtpMap(pt, encoding[0], clockRate, channels);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() =>
        $"{SdpText.Format(PayloadType)} {EncodingName}/{SdpText.Format(ClockRate)}" + (Channels is int c ? "/" + SdpText.Format(c) : "");

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.RtpMap, ToValue());
}
