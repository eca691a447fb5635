using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 8866 §5.2):
/// <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>.
/// </summary>
/// <param name="Username">User name, <c>-</c> when there is none.</param>
/// <param name="SessionId">Numeric session identifier.</param>
/// <param name="SessionVersion">Version, incremented by JSEP on every new offer or answer (RFC 8829 §5.2.2).</param>
/// <param name="NetworkType">Always <c>IN</c> on the Internet.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The originating address (meaningless in WebRTC).</param>
public sealed record SdpOrigin(string Username, ulong SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>Parses the text after <c>o=</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpOrigin? origin, out string error)
    {
        origin = null;
        string[] parts = value.Split(' ');
        if (parts.Length != 6)
        {
            error = "o= needs 6 fields: username sess-id sess-version nettype addrtype address";
            return false;
        }

        if (!SdpText.TryParseULong(parts[1], out ulong id) || !SdpText.TryParseULong(parts[2], out ulong version))
        {
            error = "o= sess-id and sess-version must be unsigned 64-bit numbers";
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length == 0)
            {
                error = "o= has an empty field";
                return false;
            }
        }

        origin = new SdpOrigin(parts[0], id, version, parts[3], parts[4], parts[5]);
        error = "";
        return true;
    }

    /// <summary>The text after <c>o=</c>.</summary>
    public override string ToString() =>
        $"{Username} {SdpText.Format(SessionId)} {SdpText.Format(SessionVersion)} {NetworkType} {AddressType} {Address}";
}
