using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LiveKit.Testing.Signal;

/// <summary>The query parameters of a v0 <c>/rtc</c> join (brief §1.1).</summary>
/// <param name="AccessToken">The JWT from <c>access_token</c> or an <c>Authorization: Bearer</c> header.</param>
/// <param name="AutoSubscribe"><c>auto_subscribe</c>; the server default is on.</param>
/// <param name="Sdk">The client SDK name (<c>sdk</c>).</param>
/// <param name="Version">The client SDK version.</param>
/// <param name="Protocol">The signal protocol the client speaks.</param>
/// <param name="ClientProtocol"><c>client_protocol</c> (RPC and data stream generations).</param>
/// <param name="AdaptiveStream"><c>adaptive_stream</c>.</param>
/// <param name="Reconnect"><c>reconnect=1</c>: a resume of the session <paramref name="ParticipantSid"/>.</param>
/// <param name="ParticipantSid">The session resumed (<c>sid</c>).</param>
/// <param name="AuthorizationHeaderInvalid">An <c>Authorization</c> header was sent that is not <c>Bearer …</c>.</param>
internal sealed record JoinParameters(
    string? AccessToken,
    bool AutoSubscribe,
    string Sdk,
    string Version,
    int Protocol,
    int ClientProtocol,
    bool AdaptiveStream,
    bool Reconnect,
    string? ParticipantSid,
    bool AuthorizationHeaderInvalid = false)
{
    public static JoinParameters From(HttpRequest request)
    {
        IQueryCollection query = request.Query;
        // The header wins when present (auth.go reads it first), else the access_token query value.
        string? authorization = request.Headers.Authorization;
        bool invalidHeader = false;
        string? token = query["access_token"];
        if (!string.IsNullOrEmpty(authorization))
        {
            invalidHeader = !authorization.StartsWith("Bearer ", StringComparison.Ordinal);
            token = invalidHeader ? null : authorization["Bearer ".Length..].Trim();
        }

        return new JoinParameters(
            string.IsNullOrEmpty(token) ? null : token,
            Flag(query["auto_subscribe"], true),
            query["sdk"].ToString(),
            query["version"].ToString(),
            Number(query["protocol"], 0),
            Number(query["client_protocol"], 0),
            Flag(query["adaptive_stream"], false),
            Flag(query["reconnect"], false),
            query["sid"].ToString() is { Length: > 0 } sid ? sid : null,
            invalidHeader);
    }

    private static bool Flag(string? value, bool fallback) => value switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => fallback,
    };

    private static int Number(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number : fallback;
}
