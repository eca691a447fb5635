using System;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace LiveKit.Rtc.Signaling;

/// <summary>
/// The URLs of a protocol 17 dual-PeerConnection join (brief §1.1): the <c>/rtc</c> WebSocket with the client's
/// information in the query, and the <c>/rtc/validate</c> URL asked when the upgrade is refused (brief §1.2).
/// </summary>
internal static class SignalUrl
{
    /// <summary>The signal protocol this client speaks (the server's <c>CurrentProtocol</c>).</summary>
    public const int ProtocolVersion = 17;

    /// <summary>
    /// The <c>client_protocol</c> sent: 0, the base one. 1 (RPC over data streams) and 2 (single-packet data streams)
    /// promise features this client does not implement.
    /// </summary>
    public const int ClientProtocol = 0;

    /// <summary>The <c>sdk</c> value. The server knows no C# SDK and records it as UNKNOWN, which changes nothing else.</summary>
    public const string Sdk = "dotnet";

    /// <summary>This SDK's version: the assembly's informational version without build metadata, or 0.1.0.</summary>
    public static string SdkVersion { get; } = ReadSdkVersion();

    /// <summary>
    /// The <c>/rtc</c> WebSocket URI: <paramref name="url"/> with <c>http</c> mapped to <c>ws</c> and <c>https</c> to
    /// <c>wss</c>, the segment <c>rtc</c> appended to its path, and the join query (the user's own query is kept first).
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not an absolute ws, wss, http or https URL.</exception>
    public static Uri ForJoin(string url, string token, SignalJoinOptions options)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(options);
        Uri parsed = Parse(url);
        var builder = new UriBuilder(parsed)
        {
            Scheme = parsed.Scheme switch
            {
                "http" => "ws",
                "https" => "wss",
                _ => parsed.Scheme,
            },
            Port = parsed.IsDefaultPort ? -1 : parsed.Port,
            Path = AppendSegment(parsed.AbsolutePath, "rtc"),
            Query = JoinQuery(parsed.Query, token, options),
            Fragment = string.Empty,
        };
        return builder.Uri;
    }

    /// <summary>
    /// The validate URI of a join URI from <see cref="ForJoin"/>: the same query, the http(s) scheme and the path
    /// followed by <c>/validate</c> (<c>.../rtc/validate</c>).
    /// </summary>
    public static Uri ForValidate(Uri joinUri)
    {
        ArgumentNullException.ThrowIfNull(joinUri);
        var builder = new UriBuilder(joinUri)
        {
            Scheme = joinUri.Scheme == "wss" ? "https" : "http",
            Port = joinUri.IsDefaultPort ? -1 : joinUri.Port,
            Path = AppendSegment(joinUri.AbsolutePath, "validate"),
        };
        return builder.Uri;
    }

    /// <summary>The URI without its query, for logs and messages: the query carries the access token.</summary>
    public static string WithoutQuery(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    private static Uri Parse(string url)
    {
        const string Expected = "Expected the LiveKit server's URL, e.g. \"wss://my-project.livekit.cloud\" or \"ws://localhost:7880\" (schemes ws, wss, http, https).";

        // "://" rules out what .NET also takes as absolute: "/path" (a file path on Unix) and "host:port" (a scheme).
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? parsed))
        {
            throw new ArgumentException($"\"{url}\" is not an absolute URL. {Expected}", nameof(url));
        }

        if (parsed.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new ArgumentException($"\"{url}\" has the scheme \"{parsed.Scheme}\". {Expected}", nameof(url));
        }

        if (string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException($"\"{url}\" has no host. {Expected}", nameof(url));
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            throw new ArgumentException($"\"{url}\" carries user information; the access token is the only credential. {Expected}", nameof(url));
        }

        return parsed;
    }

    private static string AppendSegment(string path, string segment) =>
        path.EndsWith('/') ? path + segment : path + "/" + segment;

    private static string JoinQuery(string existing, string token, SignalJoinOptions options)
    {
        var query = new StringBuilder(token.Length + 256);
        if (existing.Length > 1)
        {
            // Keep what the user's URL carried (a proxy's routing key, say), without its leading '?'.
            query.Append(existing, 1, existing.Length - 1).Append('&');
        }

        Append(query, "access_token", token);
        Append(query, "auto_subscribe", options.AutoSubscribe ? "1" : "0");
        if (options.AdaptiveStream)
        {
            Append(query, "adaptive_stream", "1");
        }

        Append(query, "sdk", Sdk);
        Append(query, "version", SdkVersion);
        Append(query, "protocol", ProtocolVersion.ToString(CultureInfo.InvariantCulture));
        Append(query, "client_protocol", ClientProtocol.ToString(CultureInfo.InvariantCulture));
        Append(query, "os", OperatingSystemName());
        Append(query, "os_version", Environment.OSVersion.Version.ToString());
        query.Length--; // the last '&'
        return query.ToString();
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');

    /// <summary>The OS as LiveKit's ClientInfo.os names it for the other SDKs (lower case, no version).</summary>
    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "macos"
        : OperatingSystem.IsIOS() ? "ios"
        : OperatingSystem.IsAndroid() ? "android"
        : OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    private static string ReadSdkVersion()
    {
        string? version = typeof(SignalUrl).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(version))
        {
            return "0.1.0";
        }

        // "0.1.0+<commit>": the build metadata (SemVer §10) says nothing to the server.
        int plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }
}
