using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LiveKit.Rtc;

/// <summary>A parsed STUN or TURN URL (RFC 7064 for stun:, RFC 7065 for turn:).</summary>
/// <param name="IsTurn">True for turn: and turns: URLs.</param>
/// <param name="IsSecure">True for stuns: and turns: (over TLS).</param>
/// <param name="Host">The host name or address literal.</param>
/// <param name="Port">The port: as given, or 3478 (5349 for the secure schemes), RFC 7064 §3.1 / RFC 7065 §3.1.</param>
internal sealed record IceServerUrl(bool IsTurn, bool IsSecure, string Host, int Port)
{
    /// <summary>Parses <c>scheme:host[:port][?transport=...]</c>; false for anything else.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IceServerUrl? url)
    {
        url = null;
        int colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        string scheme = text[..colon].ToLowerInvariant();
        if (scheme is not ("stun" or "stuns" or "turn" or "turns"))
        {
            return false;
        }

        bool turn = scheme.StartsWith("turn", StringComparison.Ordinal);
        bool secure = scheme.EndsWith('s');
        string rest = text[(colon + 1)..];
        int query = rest.IndexOf('?');
        if (query >= 0)
        {
            rest = rest[..query];
        }

        string host = rest;
        int port = secure ? 5349 : 3478;
        if (rest.StartsWith('['))
        {
            // [IPv6]:port
            int close = rest.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = rest[1..close];
            string after = rest[(close + 1)..];
            if (after.Length > 0 && (!after.StartsWith(':') || !TryParsePort(after[1..], out port)))
            {
                return false;
            }
        }
        else
        {
            int portColon = rest.LastIndexOf(':');
            if (portColon >= 0)
            {
                host = rest[..portColon];
                if (!TryParsePort(rest[(portColon + 1)..], out port))
                {
                    return false;
                }
            }
        }

        if (host.Length == 0 || host.Contains('/') || host.Contains('@'))
        {
            return false;
        }

        url = new IceServerUrl(turn, secure, host, port);
        return true;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
