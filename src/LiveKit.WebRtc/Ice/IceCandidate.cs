using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using LiveKit.WebRtc.Stun;

namespace LiveKit.WebRtc.Ice;

/// <summary>
/// One ICE candidate, as carried in the <c>candidate:</c> attribute (RFC 8839 §5.1):
/// <code>
/// candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt;
///           [raddr &lt;address&gt; rport &lt;port&gt;] *(&lt;extension-name&gt; &lt;extension-value&gt;)
/// </code>
/// Relay candidates differ only in <see cref="Type"/> and the related address (the allocation's mapped address),
/// so adding TURN later needs no change here. This is the one parser of candidate lines: the SDP model's
/// <see cref="Sdp.SdpCandidate"/> wraps it.
/// </summary>
internal sealed class IceCandidate
{
    /// <summary>The attribute name, with its colon, that starts the string form.</summary>
    public const string Prefix = "candidate:";

    /// <summary>Type preference of host candidates (RFC 8445 §5.1.2.2).</summary>
    public const int HostTypePreference = 126;

    /// <summary>Type preference of peer-reflexive candidates (RFC 8445 §5.1.2.2).</summary>
    public const int PeerReflexiveTypePreference = 110;

    /// <summary>Type preference of server-reflexive candidates (RFC 8445 §5.1.2.2).</summary>
    public const int ServerReflexiveTypePreference = 100;

    /// <summary>Type preference of relayed candidates (RFC 8445 §5.1.2.2).</summary>
    public const int RelayTypePreference = 0;

    /// <summary>The local preference of an agent with one address (RFC 8445 §5.1.2.1).</summary>
    public const int MaxLocalPreference = 65535;

    /// <summary>Candidates with the same type, base address, server and transport share it (RFC 8445 §5.1.1.3).</summary>
    public required string Foundation { get; init; }

    /// <summary>Component ID, 1 for RTP (and for everything under rtcp-mux and BUNDLE).</summary>
    public int Component { get; init; } = 1;

    /// <summary>The transport.</summary>
    public IceTransportProtocol Transport { get; init; } = IceTransportProtocol.Udp;

    /// <summary>The candidate priority (RFC 8445 §5.1.2).</summary>
    public required uint Priority { get; init; }

    /// <summary>An IP address, or an mDNS name (<c>xxxx.local</c>) that this agent cannot check.</summary>
    public required string Address { get; init; }

    /// <summary>The port.</summary>
    public required int Port { get; init; }

    /// <summary>The kind of candidate.</summary>
    public required IceCandidateType Type { get; init; }

    /// <summary>raddr: the base of a reflexive candidate, or the mapped address of a relayed one.</summary>
    public string? RelatedAddress { get; init; }

    /// <summary>rport, paired with <see cref="RelatedAddress"/>.</summary>
    public int? RelatedPort { get; init; }

    /// <summary>tcptype of TCP candidates (RFC 6544 §4.5): active, passive or so.</summary>
    public string? TcpType { get; init; }

    /// <summary>The ufrag extension browsers add, which names the ICE generation the candidate belongs to.</summary>
    public string? UsernameFragment { get; init; }

    /// <summary>The generation extension (legacy Chrome).</summary>
    public uint? Generation { get; init; }

    /// <summary>Chrome's <c>network-id</c> extension: which local network the candidate was gathered on.</summary>
    public uint? NetworkId { get; init; }

    /// <summary>Chrome's <c>network-cost</c> extension: the relative cost of that network, higher for cellular.</summary>
    public uint? NetworkCost { get; init; }

    /// <summary>Other extension name-value pairs, in their original order (RFC 8839 §5.1 says to ignore unknown ones).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The type preference for <paramref name="type"/> (RFC 8445 §5.1.2.2).</summary>
    public static int GetTypePreference(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => HostTypePreference,
        IceCandidateType.PeerReflexive => PeerReflexiveTypePreference,
        IceCandidateType.ServerReflexive => ServerReflexiveTypePreference,
        _ => RelayTypePreference,
    };

    /// <summary>
    /// priority = 2^24 * type preference + 2^8 * local preference + (256 - component ID) (RFC 8445 §5.1.2.1).
    /// </summary>
    public static uint ComputePriority(IceCandidateType type, int localPreference, int component)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(localPreference);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localPreference, MaxLocalPreference);
        ArgumentOutOfRangeException.ThrowIfLessThan(component, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(component, 256);
        return ((uint)GetTypePreference(type) << 24) + ((uint)localPreference << 8) + (uint)(256 - component);
    }

    /// <summary>
    /// A foundation equal for candidates of the same type, base IP address, STUN/TURN server and transport
    /// (RFC 8445 §5.1.1.3): the CRC-32 of those four, in decimal (1-32 ice-chars, RFC 8839 §5.1).
    /// </summary>
    public static string ComputeFoundation(IceCandidateType type, string baseAddress, string? serverAddress, IceTransportProtocol transport)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        string key = $"{FormatType(type)}|{baseAddress}|{serverAddress}|{FormatTransport(transport)}";
        return Crc32.Compute(Encoding.UTF8.GetBytes(key)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a candidate attribute value, with or without the <c>candidate:</c> (or <c>a=candidate:</c>) prefix.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out IceCandidate? candidate) => TryParse(value, out candidate, out _);

    /// <summary>
    /// Parses a candidate attribute value, with or without the <c>candidate:</c> (or <c>a=candidate:</c>) prefix, and
    /// says what is wrong with a line that does not parse (the SDP parser reports it with the line number). Never
    /// throws. Stricter than the bare grammar of RFC 8839 §5.1 where an agent needs it: the transport must be UDP or
    /// TCP, the type one of the four of RFC 8445 §5.1.1 and the priority positive (RFC 8445 §5.1.2.1).
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out IceCandidate? candidate, out string error)
    {
        candidate = null;
        string text = (value ?? string.Empty).Trim();
        if (text.StartsWith("a=", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[Prefix.Length..];
        }

        // foundation component transport priority address port "typ" type, then name-value pairs.
        string[] fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8 || !string.Equals(fields[6], "typ", StringComparison.Ordinal))
        {
            error = "a=candidate must be <foundation> <component> <transport> <priority> <address> <port> typ <type> ...";
            return false;
        }

        if (!IsFoundation(fields[0]))
        {
            error = "a=candidate foundation must be 1 to 32 ice-chars";
            return false;
        }

        if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int component) || component is < 1 or > 256)
        {
            error = "a=candidate component id must be 1 to 256";
            return false;
        }

        if (!TryParseTransport(fields[2], out IceTransportProtocol transport))
        {
            error = "a=candidate transport must be udp or tcp";
            return false;
        }

        if (!uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint priority) || priority == 0)
        {
            error = "a=candidate priority must be a positive unsigned 32-bit number";
            return false;
        }

        if (!TryParsePort(fields[5], out int port))
        {
            error = "a=candidate port must be 0 to 65535";
            return false;
        }

        if (!TryParseType(fields[7], out IceCandidateType type))
        {
            error = "a=candidate type must be host, srflx, prflx or relay";
            return false;
        }

        if ((fields.Length - 8) % 2 != 0)
        {
            error = "a=candidate extensions must be name/value pairs";
            return false;
        }

        string? relatedAddress = null;
        int? relatedPort = null;
        string? tcpType = null;
        string? ufrag = null;
        uint? generation = null;
        uint? networkId = null;
        uint? networkCost = null;
        var extensions = new List<KeyValuePair<string, string>>();
        for (int i = 8; i < fields.Length; i += 2)
        {
            string name = fields[i];
            string extensionValue = fields[i + 1];
            bool ok = true;
            switch (name)
            {
                case "raddr":
                    relatedAddress = extensionValue;
                    break;
                case "rport":
                    ok = TryParsePort(extensionValue, out int rport);
                    relatedPort = rport;
                    break;
                case "tcptype":
                    tcpType = extensionValue;
                    break;
                case "ufrag":
                    ufrag = extensionValue;
                    break;
                case "generation":
                    ok = TryParseUInt(extensionValue, out uint g);
                    generation = g;
                    break;
                case "network-id":
                    ok = TryParseUInt(extensionValue, out uint id);
                    networkId = id;
                    break;
                case "network-cost":
                    ok = TryParseUInt(extensionValue, out uint cost);
                    networkCost = cost;
                    break;
                default:
                    extensions.Add(new KeyValuePair<string, string>(name, extensionValue));
                    break;
            }

            if (!ok)
            {
                error = $"a=candidate {name} value '{extensionValue}' is not a valid number";
                return false;
            }
        }

        candidate = new IceCandidate
        {
            Foundation = fields[0],
            Component = component,
            Transport = transport,
            Priority = priority,
            Address = fields[4],
            Port = port,
            Type = type,
            RelatedAddress = relatedAddress,
            RelatedPort = relatedPort,
            TcpType = tcpType,
            UsernameFragment = ufrag,
            Generation = generation,
            NetworkId = networkId,
            NetworkCost = networkCost,
            Extensions = extensions.Count == 0 ? Array.Empty<KeyValuePair<string, string>>() : extensions.ToArray(),
        };
        error = string.Empty;
        return true;
    }

    /// <summary>The address as an endpoint, or false for an mDNS name or a malformed address.</summary>
    public bool TryGetEndPoint([NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = IPAddress.TryParse(Address, out IPAddress? ip) ? new IPEndPoint(ip, Port) : null;
        return endPoint is not null;
    }

    /// <summary>Formats the candidate as <c>candidate:...</c>, extensions in the order Chrome writes them.</summary>
    public override string ToString() => Prefix + ToValue();

    /// <summary>The attribute value, without the <c>candidate:</c> prefix: known extensions in the order Chrome writes them, then the others as read.</summary>
    public string ToValue()
    {
        var builder = new StringBuilder(128);
        builder.Append(Foundation)
            .Append(' ').Append(Component.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(FormatTransport(Transport))
            .Append(' ').Append(Priority.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(Address)
            .Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture))
            .Append(" typ ").Append(FormatType(Type));
        AppendExtension(builder, "raddr", RelatedAddress);
        AppendExtension(builder, "rport", RelatedPort?.ToString(CultureInfo.InvariantCulture));
        AppendExtension(builder, "tcptype", TcpType);
        AppendExtension(builder, "generation", Generation?.ToString(CultureInfo.InvariantCulture));
        AppendExtension(builder, "ufrag", UsernameFragment);
        AppendExtension(builder, "network-id", NetworkId?.ToString(CultureInfo.InvariantCulture));
        AppendExtension(builder, "network-cost", NetworkCost?.ToString(CultureInfo.InvariantCulture));
        foreach (KeyValuePair<string, string> extension in Extensions)
        {
            AppendExtension(builder, extension.Key, extension.Value);
        }

        return builder.ToString();
    }

    /// <summary>The SDP token of a candidate type.</summary>
    public static string FormatType(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => "host",
        IceCandidateType.ServerReflexive => "srflx",
        IceCandidateType.PeerReflexive => "prflx",
        _ => "relay",
    };

    /// <summary>The SDP token of a transport, lower case as browsers write it.</summary>
    public static string FormatTransport(IceTransportProtocol transport) =>
        transport == IceTransportProtocol.Tcp ? "tcp" : "udp";

    private static void AppendExtension(StringBuilder builder, string name, string? value)
    {
        if (value is not null)
        {
            builder.Append(' ').Append(name).Append(' ').Append(value);
        }
    }

    // RFC 8839 §5.1: foundation = 1*32ice-char; ice-char = ALPHA / DIGIT / "+" / "/".
    private static bool IsFoundation(string text)
    {
        if (text.Length is 0 or > 32)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseUInt(string token, out uint value) =>
        uint.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseType(string token, out IceCandidateType type)
    {
        switch (token)
        {
            case "host": type = IceCandidateType.Host; return true;
            case "srflx": type = IceCandidateType.ServerReflexive; return true;
            case "prflx": type = IceCandidateType.PeerReflexive; return true;
            case "relay": type = IceCandidateType.Relay; return true;
            default: type = default; return false;
        }
    }

    // Browsers write "udp" or "UDP" (RFC 8839 §5.1 makes the token case-insensitive).
    private static bool TryParseTransport(string token, out IceTransportProtocol transport)
    {
        if (string.Equals(token, "udp", StringComparison.OrdinalIgnoreCase))
        {
            transport = IceTransportProtocol.Udp;
            return true;
        }

        transport = IceTransportProtocol.Tcp;
        return string.Equals(token, "tcp", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParsePort(string token, out int port) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= ushort.MaxValue;
}
