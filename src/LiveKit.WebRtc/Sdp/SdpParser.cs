using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>
/// Parses SDP text (RFC 8866). Accepts CRLF or LF line endings. Never throws on any input: a failure is an
/// <see cref="SdpError"/> with the one-based line number and what was wrong.
/// </summary>
public static class SdpParser
{
    // RFC 8866 §5: session-level lines come in this order; e, p, b, t, r and a may repeat.
    private const string SessionOrder = "vosiuepcbtrzka";
    private const string SessionRepeatable = "epbtra";

    // RFC 8866 §5: media-level lines come in this order; c, b and a may repeat.
    private const string MediaOrder = "micbka";
    private const string MediaRepeatable = "cba";

    /// <summary>Parses a whole session description.</summary>
    /// <param name="text">The SDP text, possibly untrusted.</param>
    /// <param name="description">The parsed description when the result is true.</param>
    /// <param name="error">Why parsing failed when the result is false.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SessionDescription? description, [NotNullWhen(false)] out SdpError? error)
    {
        description = null;
        if (string.IsNullOrEmpty(text))
        {
            error = new SdpError(0, "the session description is empty");
            return false;
        }

        string[] lines = text.Split('\n');
        int lineCount = lines.Length;
        while (lineCount > 0 && lines[lineCount - 1].TrimEnd('\r').Length == 0)
        {
            lineCount--;
        }

        var session = new SessionBuilder();
        MediaBuilder? media = null;
        var medias = new List<SdpMediaDescription>();
        int rank = -1;

        for (int index = 0; index < lineCount; index++)
        {
            int number = index + 1;
            string line = lines[index].EndsWith('\r') ? lines[index][..^1] : lines[index];
            if (!TryCheckLine(line, out string lineError))
            {
                error = new SdpError(number, lineError);
                return false;
            }

            char type = line[0];
            string value = line[2..];

            if (index == 0 && type != 'v')
            {
                error = new SdpError(number, "a session description must start with v= (RFC 8866 §5.1)");
                return false;
            }

            if (type == 'm')
            {
                if (media is null && !session.TryComplete(out string missing))
                {
                    error = new SdpError(number, missing);
                    return false;
                }

                if (media is not null)
                {
                    medias.Add(media.Build());
                }

                if (!TryParseMediaLine(value, out media, out string mediaError))
                {
                    error = new SdpError(number, mediaError);
                    return false;
                }

                rank = 0;
                continue;
            }

            string order = media is null ? SessionOrder : MediaOrder;
            string repeatable = media is null ? SessionRepeatable : MediaRepeatable;
            int lineRank = order.IndexOf(type);
            if (lineRank < 0)
            {
                error = new SdpError(number, $"'{type}=' is not allowed {(media is null ? "at session level" : "in a media description")} (RFC 8866 §5)");
                return false;
            }

            if (lineRank < rank || (lineRank == rank && !repeatable.Contains(type)))
            {
                error = new SdpError(number, $"'{type}=' is out of order or repeated (RFC 8866 §5 fixes the order {order})");
                return false;
            }

            // r= shares t='s rank: it must follow a t= line directly or another r= line.
            if (type == 'r' && rank != SessionOrder.IndexOf('t'))
            {
                error = new SdpError(number, "r= must follow a t= line (RFC 8866 §5.10)");
                return false;
            }

            rank = type is 't' or 'r' && media is null ? SessionOrder.IndexOf('t') : lineRank;
            bool ok = media is null
                ? session.TryAdd(type, value, out lineError)
                : media.TryAdd(type, value, out lineError);
            if (!ok)
            {
                error = new SdpError(number, lineError);
                return false;
            }
        }

        if (media is null && !session.TryComplete(out string incomplete))
        {
            error = new SdpError(lineCount, incomplete);
            return false;
        }

        if (media is not null)
        {
            medias.Add(media.Build());
        }

        description = session.Build(medias);
        error = null;
        return true;
    }

    /// <summary>Parses a whole session description, or returns null.</summary>
    public static SessionDescription? ParseOrNull(string? text) => TryParse(text, out SessionDescription? description, out _) ? description : null;

    private static bool TryCheckLine(string line, out string error)
    {
        // RFC 8866 §5: <type>=<value>, type a single lower-case letter, no CR or NUL inside a line.
        if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
        {
            error = line.Length == 0 ? "empty line" : "a line must be <type>=<value> with a lower-case letter type";
            return false;
        }

        if (line.AsSpan().IndexOfAny('\r', '\0') >= 0)
        {
            error = "a line must not contain CR or NUL";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TryParseMediaLine(string value, [NotNullWhen(true)] out MediaBuilder? media, out string error)
    {
        // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> 1*(SP <fmt>)
        media = null;
        string[] parts = value.Split(' ');
        if (parts.Length < 4 || Array.IndexOf(parts, "") >= 0)
        {
            error = "m= must be <media> <port>[/<count>] <proto> <fmt> ... (RFC 8866 §5.14)";
            return false;
        }

        if (!SdpText.IsToken(parts[0]))
        {
            error = "m= media type must be a token";
            return false;
        }

        string portText = parts[1];
        int? portCount = null;
        int slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!SdpText.TryParseInt(portText[(slash + 1)..], out int count) || count == 0)
            {
                error = "m= number of ports must be a positive number";
                return false;
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!SdpText.TryParsePort(portText, out int port))
        {
            error = "m= port must be 0 to 65535";
            return false;
        }

        foreach (string protoPart in parts[2].Split('/'))
        {
            if (!SdpText.IsToken(protoPart))
            {
                error = "m= protocol must be tokens separated by '/'";
                return false;
            }
        }

        media = new MediaBuilder(parts[0], port, portCount, parts[2], parts[3..]);
        error = "";
        return true;
    }

    private static bool TryAddAttribute(List<SdpAttribute> attributes, string value, out string error)
    {
        (string name, string? attributeValue) = SdpText.SplitAtColon(value);
        if (name.Length == 0 || name.AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            error = "a= attribute name must be non-empty and have no spaces";
            return false;
        }

        var attribute = new SdpAttribute(name, attributeValue);
        if (!SdpAttributeValidator.TryValidate(attribute, out error))
        {
            return false;
        }

        attributes.Add(attribute);
        return true;
    }

    /// <summary>Collects session-level lines.</summary>
    private sealed class SessionBuilder
    {
        private readonly List<string> _emails = new();
        private readonly List<string> _phones = new();
        private readonly List<SdpBandwidth> _bandwidths = new();
        private readonly List<SdpTiming> _timings = new();
        private readonly List<SdpAttribute> _attributes = new();
        private int _version = -1;
        private SdpOrigin? _origin;
        private string? _name;
        private string? _information;
        private string? _uri;
        private SdpConnection? _connection;
        private string? _timeZones;
        private string? _key;

        public bool TryAdd(char type, string value, out string error)
        {
            error = "";
            switch (type)
            {
                case 'v':
                    if (value != "0")
                    {
                        error = "v= must be 0 (RFC 8866 §5.1)";
                        return false;
                    }

                    _version = 0;
                    return true;
                case 'o': return SdpOrigin.TryParse(value, out _origin, out error);
                case 's': _name = value; return true;
                case 'i': _information = value; return true;
                case 'u': _uri = value; return true;
                case 'e': _emails.Add(value); return true;
                case 'p': _phones.Add(value); return true;
                case 'c': return SdpConnection.TryParse(value, out _connection, out error);
                case 'b':
                    if (!SdpBandwidth.TryParse(value, out SdpBandwidth? bandwidth, out error))
                    {
                        return false;
                    }

                    _bandwidths.Add(bandwidth);
                    return true;
                case 't':
                    if (!SdpTiming.TryParse(value, out SdpTiming? timing, out error))
                    {
                        return false;
                    }

                    _timings.Add(timing);
                    return true;
                case 'r':
                    SdpTiming last = _timings[^1];
                    _timings[^1] = last with { Repeats = [.. last.Repeats, value] };
                    return true;
                case 'z': _timeZones = value; return true;
                case 'k': _key = value; return true;
                default: return TryAddAttribute(_attributes, value, out error);
            }
        }

        public bool TryComplete(out string error)
        {
            error = _version < 0 ? "missing v= line (RFC 8866 §5.1)"
                : _origin is null ? "missing o= line (RFC 8866 §5.2)"
                : _name is null ? "missing s= line (RFC 8866 §5.3)"
                : _timings.Count == 0 ? "missing t= line (RFC 8866 §5.9)"
                : "";
            return error.Length == 0;
        }

        public SessionDescription Build(List<SdpMediaDescription> medias) => new()
        {
            Version = _version,
            Origin = _origin!,
            SessionName = _name!,
            Information = _information,
            Uri = _uri,
            Emails = _emails,
            Phones = _phones,
            Connection = _connection,
            Bandwidths = _bandwidths,
            Timings = _timings,
            TimeZones = _timeZones,
            EncryptionKey = _key,
            Attributes = _attributes,
            MediaDescriptions = medias,
        };
    }

    /// <summary>Collects the lines of one media description.</summary>
    private sealed class MediaBuilder(string kind, int port, int? portCount, string protocol, string[] formats)
    {
        private readonly List<SdpConnection> _connections = new();
        private readonly List<SdpBandwidth> _bandwidths = new();
        private readonly List<SdpAttribute> _attributes = new();
        private string? _information;
        private string? _key;

        public bool TryAdd(char type, string value, out string error)
        {
            error = "";
            switch (type)
            {
                case 'i': _information = value; return true;
                case 'c':
                    if (!SdpConnection.TryParse(value, out SdpConnection? connection, out error))
                    {
                        return false;
                    }

                    _connections.Add(connection);
                    return true;
                case 'b':
                    if (!SdpBandwidth.TryParse(value, out SdpBandwidth? bandwidth, out error))
                    {
                        return false;
                    }

                    _bandwidths.Add(bandwidth);
                    return true;
                case 'k': _key = value; return true;
                default: return TryAddAttribute(_attributes, value, out error);
            }
        }

        public SdpMediaDescription Build() => new()
        {
            Kind = kind,
            Port = port,
            PortCount = portCount,
            Protocol = protocol,
            Formats = formats,
            Information = _information,
            Connections = _connections,
            Bandwidths = _bandwidths,
            EncryptionKey = _key,
            Attributes = _attributes,
        };
    }
}
