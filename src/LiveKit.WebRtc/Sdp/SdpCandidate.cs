using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// An ICE candidate, the value of <c>a=candidate</c> (RFC 8839 §5.1):
/// <code>
/// candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
///                       connection-address SP port SP "typ" SP cand-type
///                       [SP "raddr" SP addr SP "rport" SP port] *(SP extension-att-name SP extension-att-value)
/// </code>
/// The extensions Chromium and pion write (<c>tcptype</c> from RFC 6544 §4.5, <c>generation</c>, <c>ufrag</c>,
/// <c>network-id</c>, <c>network-cost</c>) are typed; any other pair is kept, in order, in <see cref="Extensions"/>.
/// </summary>
public sealed record SdpCandidate
{
    /// <summary>Foundation, 1 to 32 ice-chars.</summary>
    public required string Foundation { get; init; }
    /// <summary>Component id: 1 for RTP, 2 for RTCP.</summary>
    public required int Component { get; init; }
    /// <summary>Transport as written: <c>udp</c>, <c>tcp</c>, <c>UDP</c>...</summary>
    public required string Transport { get; init; }
    /// <summary>Priority (RFC 8445 §5.1.2).</summary>
    public required uint Priority { get; init; }
    /// <summary>Address: IPv4, IPv6 or an FQDN (mDNS <c>.local</c> names).</summary>
    public required string Address { get; init; }
    /// <summary>Port.</summary>
    public required int Port { get; init; }
    /// <summary>Type: <c>host</c>, <c>srflx</c>, <c>prflx</c>, <c>relay</c>.</summary>
    public required string Type { get; init; }
    /// <summary>Related address (<c>raddr</c>), or null.</summary>
    public string? RelatedAddress { get; init; }
    /// <summary>Related port (<c>rport</c>), or null.</summary>
    public int? RelatedPort { get; init; }
    /// <summary><c>tcptype</c>: <c>active</c>, <c>passive</c> or <c>so</c> (RFC 6544 §4.5), or null.</summary>
    public string? TcpType { get; init; }
    /// <summary>Chromium's <c>generation</c>, or null.</summary>
    public uint? Generation { get; init; }
    /// <summary>The ICE username fragment this candidate belongs to (<c>ufrag</c>), or null.</summary>
    public string? Ufrag { get; init; }
    /// <summary>Chromium's <c>network-id</c>, or null.</summary>
    public uint? NetworkId { get; init; }
    /// <summary>Chromium's <c>network-cost</c>, or null.</summary>
    public uint? NetworkCost { get; init; }
    /// <summary>Other extension name/value pairs, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>
    /// Parses a candidate as found in SDP or in a trickled candidate string: the value after <c>a=candidate:</c>,
    /// with an optional <c>a=</c> and <c>candidate:</c> prefix.
    /// </summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out SdpCandidate? candidate, out string error)
    {
        candidate = null;
        string text = value;
        if (text.StartsWith("a=", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.StartsWith("candidate:", StringComparison.Ordinal))
        {
            text = text["candidate:".Length..];
        }

        string[] parts = SdpText.SplitSpaces(text);
        if (parts.Length < 8 || parts[6] != "typ")
        {
            error = "a=candidate must be <foundation> <component> <transport> <priority> <address> <port> typ <type> ...";
            return false;
        }

        if (parts[0].Length > 32 || !IsIceChars(parts[0]))
        {
            error = "a=candidate foundation must be 1 to 32 ice-chars";
            return false;
        }

        if (!SdpText.TryParseInt(parts[1], out int component) || component is < 1 or > 256)
        {
            error = "a=candidate component id must be 1 to 256";
            return false;
        }

        if (!SdpText.IsToken(parts[2]))
        {
            error = "a=candidate transport must be a token";
            return false;
        }

        if (!SdpText.TryParseUInt(parts[3], out uint priority))
        {
            error = "a=candidate priority must be an unsigned 32-bit number";
            return false;
        }

        if (!SdpText.TryParsePort(parts[5], out int port))
        {
            error = "a=candidate port must be 0 to 65535";
            return false;
        }

        if (!SdpText.IsToken(parts[7]))
        {
            error = "a=candidate type must be a token";
            return false;
        }

        if ((parts.Length - 8) % 2 != 0)
        {
            error = "a=candidate extensions must be name/value pairs";
            return false;
        }

        var result = new SdpCandidate
        {
            Foundation = parts[0],
            Component = component,
            Transport = parts[2],
            Priority = priority,
            Address = parts[4],
            Port = port,
            Type = parts[7],
        };
        var extensions = new List<KeyValuePair<string, string>>();
        for (int i = 8; i < parts.Length; i += 2)
        {
            string name = parts[i];
            string extension = parts[i + 1];
            bool ok = true;
            switch (name)
            {
                case "raddr": result = result with { RelatedAddress = extension }; break;
                case "rport": ok = SdpText.TryParsePort(extension, out int rport); result = result with { RelatedPort = rport }; break;
                case "tcptype": result = result with { TcpType = extension }; break;
                case "generation": ok = SdpText.TryParseUInt(extension, out uint generation); result = result with { Generation = generation }; break;
                case "ufrag": result = result with { Ufrag = extension }; break;
                case "network-id": ok = SdpText.TryParseUInt(extension, out uint id); result = result with { NetworkId = id }; break;
                case "network-cost": ok = SdpText.TryParseUInt(extension, out uint cost); result = result with { NetworkCost = cost }; break;
                default: extensions.Add(new KeyValuePair<string, string>(name, extension)); break;
            }

            if (!ok)
            {
                error = $"a=candidate {name} value '{extension}' is not a valid number";
                return false;
            }
        }

        candidate = result with { Extensions = extensions };
        error = "";
        return true;
    }

    /// <summary>The attribute value, extensions in Chromium's order followed by the unknown ones.</summary>
    public string ToValue()
    {
        var parts = new List<string>
        {
            Foundation, SdpText.Format(Component), Transport, SdpText.Format(Priority), Address, SdpText.Format(Port), "typ", Type,
        };
        AddPair(parts, "raddr", RelatedAddress);
        AddPair(parts, "rport", RelatedPort is int rport ? SdpText.Format(rport) : null);
        AddPair(parts, "tcptype", TcpType);
        AddPair(parts, "generation", Generation is uint generation ? SdpText.Format(generation) : null);
        AddPair(parts, "ufrag", Ufrag);
        AddPair(parts, "network-id", NetworkId is uint id ? SdpText.Format(id) : null);
        AddPair(parts, "network-cost", NetworkCost is uint cost ? SdpText.Format(cost) : null);
        foreach (KeyValuePair<string, string> extension in Extensions)
        {
            AddPair(parts, extension.Key, extension.Value);
        }

        return string.Join(' ', parts);
    }

    /// <summary>The attribute line.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Candidate, ToValue());

    /// <summary>The value, as <see cref="ToValue"/>.</summary>
    public override string ToString() => ToValue();

    private static void AddPair(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name);
            parts.Add(value);
        }
    }

    private static bool IsIceChars(string text)
    {
        // RFC 8839 §5.1: ice-char = ALPHA / DIGIT / "+" / "/".
        if (text.Length == 0)
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
}
