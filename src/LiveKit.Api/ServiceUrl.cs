using System;

namespace LiveKit.Api;

/// <summary>
/// The HTTP base address of a LiveKit server from the URL a user has at hand: <c>ws://</c> becomes <c>http://</c> and
/// <c>wss://</c> becomes <c>https://</c> (the server API and the signal WebSocket share one origin); a path prefix is
/// kept, for servers behind a proxy path.
/// </summary>
internal static class ServiceUrl
{
    /// <summary>The normalized base address, without a trailing '/'.</summary>
    /// <exception cref="ArgumentException">Not an absolute ws, wss, http or https URL.</exception>
    public static string ToHttpBase(string url, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? uri))
        {
            throw new ArgumentException(
                $"'{url}' is not an absolute URL: pass the server's address, e.g. wss://my-project.livekit.cloud or http://127.0.0.1:7880.",
                parameterName);
        }

        string scheme = uri.Scheme switch
        {
            "ws" or "http" => Uri.UriSchemeHttp,
            "wss" or "https" => Uri.UriSchemeHttps,
            _ => throw new ArgumentException(
                $"'{url}' has the scheme '{uri.Scheme}': use ws, wss, http or https.", parameterName),
        };

        var builder = new UriBuilder(uri) { Scheme = scheme, Query = "", Fragment = "" };
        if (uri.IsDefaultPort)
        {
            // UriBuilder keeps the old scheme's default port (80 for ws) when the scheme changes; let it follow.
            builder.Port = -1;
        }

        return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
