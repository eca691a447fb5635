using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>The <c>b=</c> line (RFC 8866 §5.8): <c>b=&lt;bwtype&gt;:&lt;bandwidth&gt;</c>, e.g. <c>b=AS:2000</c>.</summary>
/// <param name="Type">The modifier: <c>AS</c>, <c>CT</c>, <c>TIAS</c> (RFC 3890) or an extension.</param>
/// <param name="Value">The bandwidth, in kilobits per second for AS and CT, bits per second for TIAS.</param>
public sealed record SdpBandwidth(string Type, ulong Value)
{
    /// <summary>Parses the text after <c>b=</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpBandwidth? bandwidth, out string error)
    {
        bandwidth = null;
        (string type, string? amount) = SdpText.SplitAtColon(value);
        if (!SdpText.IsToken(type) || amount is null || !SdpText.TryParseULong(amount, out ulong parsed))
        {
            error = "b= must be <bwtype>:<bandwidth>";
            return false;
        }

        bandwidth = new SdpBandwidth(type, parsed);
        error = "";
        return true;
    }

    /// <summary>The text after <c>b=</c>.</summary>
    public override string ToString() => Type + ":" + SdpText.Format(Value);
}
