using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>The <c>c=</c> line (RFC 8866 §5.7): <c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c>.</summary>
/// <param name="NetworkType"><c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The address, with any <c>/ttl/count</c> suffix kept as written.</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>The placeholder WebRTC writes before candidates are known (RFC 8829 §5.2.1).</summary>
    public static SdpConnection Unspecified { get; } = new("IN", "IP4", "0.0.0.0");

    /// <summary>Parses the text after <c>c=</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpConnection? connection, out string error)
    {
        connection = null;
        string[] parts = value.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            error = "c= needs 3 fields: nettype addrtype address";
            return false;
        }

        connection = new SdpConnection(parts[0], parts[1], parts[2]);
        error = "";
        return true;
    }

    /// <summary>The text after <c>c=</c>.</summary>
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
