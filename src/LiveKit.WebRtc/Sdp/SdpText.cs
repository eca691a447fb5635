using System;
using System.Globalization;

namespace LiveKit.WebRtc.Sdp;

/// <summary>Small lexical helpers shared by the SDP line and attribute parsers. None of them throws.</summary>
internal static class SdpText
{
    /// <summary>Splits on spaces, dropping empty pieces, so that doubled spaces from lenient writers still parse.</summary>
    public static string[] SplitSpaces(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseUInt(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseULong(string text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParsePort(string text, out int port) => TryParseInt(text, out port) && port <= 65535;

    /// <summary>RFC 8866 §9 token: visible ASCII except the separators the grammar excludes.</summary>
    public static bool IsToken(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            bool ok = c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '{' or '|' or '}' or '~'
                || char.IsAsciiLetterOrDigit(c);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits "name:value" at the first colon; value is null when there is no colon.</summary>
    public static (string Name, string? Value) SplitAtColon(string text)
    {
        int colon = text.IndexOf(':');
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(uint value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
