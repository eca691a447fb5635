using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary><c>a=fingerprint:&lt;hash-func&gt; &lt;hex:hex:...&gt;</c> (RFC 8122 §5), the DTLS certificate hash.</summary>
/// <param name="HashFunction">e.g. <c>sha-256</c>.</param>
/// <param name="Value">Upper-case hex byte pairs joined by colons, as written.</param>
public sealed record SdpFingerprint(string HashFunction, string Value)
{
    /// <summary>Parses the value of <c>a=fingerprint</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpFingerprint? fingerprint, out string error)
    {
        fingerprint = null;
        string[] parts = value.Split(' ');
        if (parts.Length != 2 || !SdpText.IsToken(parts[0]) || !IsHexPairs(parts[1]))
        {
            error = "a=fingerprint must be <hash-func> <hex pairs joined by ':'>";
            return false;
        }

        fingerprint = new SdpFingerprint(parts[0], parts[1]);
        error = "";
        return true;
    }

    /// <summary>The attribute value.</summary>
    public string ToValue() => HashFunction + " " + Value;

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Fingerprint, ToValue());

    private static bool IsHexPairs(string text)
    {
        // RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX); lower case is accepted too, as browsers compare case-insensitively.
        if (text.Length < 2 || (text.Length + 1) % 3 != 0)
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            bool ok = i % 3 == 2 ? text[i] == ':' : char.IsAsciiHexDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
