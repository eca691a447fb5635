using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Signaling;

/// <summary>
/// Says why a WebSocket upgrade was refused. The refusal itself carries only a status (a WebSocket client cannot
/// read the body of a failed upgrade), so this asks <c>/rtc/validate</c>, which runs the same checks and answers
/// with the server's words (brief §1.2; the statuses and texts are in src/LiveKit.Api/README.md).
/// </summary>
internal static class JoinDiagnosis
{
    /// <summary>The most of the validate answer read: the server's texts are one line; a web page is cut.</summary>
    private const int MaxBodyBytes = 4096;

    /// <summary>
    /// The typed failure of a refused upgrade. Cancellation of <paramref name="cancellationToken"/> is thrown as is
    /// (the caller decides whether it was a timeout or the user's).
    /// </summary>
    /// <param name="joinUri">The <c>/rtc</c> URI whose upgrade failed.</param>
    /// <param name="upgradeStatus">The upgrade's HTTP status; null when no HTTP answer came.</param>
    /// <param name="upgradeFailure">The WebSocket client's exception.</param>
    /// <param name="logger">Where the validate answer is logged.</param>
    /// <param name="cancellationToken">The connect budget.</param>
    public static async Task<RoomConnectException> DiagnoseAsync(
        Uri joinUri, HttpStatusCode? upgradeStatus, Exception upgradeFailure, ILogger logger, CancellationToken cancellationToken)
    {
        string endpoint = SignalUrl.WithoutQuery(joinUri);
        (HttpStatusCode Status, string Text)? answer = await ValidateAsync(SignalUrl.ForValidate(joinUri), cancellationToken).ConfigureAwait(false);
        if (answer is { } raw)
        {
            answer = (raw.Status, RedactToken(raw.Text, joinUri));
        }

        SignalLog.UpgradeRefused(logger, endpoint, upgradeStatus, answer?.Status, answer?.Text);
        if (answer is not { } validated)
        {
            return upgradeStatus is { } status
                ? FromAnswer(endpoint, status, text: null, upgradeStatus, upgradeFailure)
                : new RoomConnectException(
                    RoomConnectFailure.ServerUnreachable,
                    $"No LiveKit server answered at {endpoint}: {upgradeFailure.Message}",
                    upgradeFailure);
        }

        return FromAnswer(endpoint, validated.Status, validated.Text, upgradeStatus, upgradeFailure);
    }

    /// <summary>Maps the validate answer (or, without one, the upgrade's status) to a failure.</summary>
    internal static RoomConnectException FromAnswer(
        string endpoint, HttpStatusCode status, string? text, HttpStatusCode? upgradeStatus, Exception upgradeFailure)
    {
        string said = string.IsNullOrEmpty(text) ? "" : ": " + text;
        string http = $"HTTP {(int)status}";
        (RoomConnectFailure failure, string message) = (int)status switch
        {
            200 when text == "success" => (RoomConnectFailure.ServerError,
                $"The server at {endpoint} accepted the token (/rtc/validate answered \"success\") but refused the WebSocket: {upgradeFailure.Message}"),
            >= 200 and < 300 => (RoomConnectFailure.ServerUnreachable,
                $"The server at {endpoint} is not a LiveKit server: /rtc/validate answered {http}{Shorten(said)}"),

            // The real server answers 401 for token failures and also for a token without roomJoin ("permissions
            // denied") or without a video grant ("no permissions to access the room"), which are grant problems.
            401 when text is not null && text.Contains("permission", StringComparison.OrdinalIgnoreCase) => (RoomConnectFailure.NotAllowed,
                $"The access token does not allow joining a room at {endpoint} ({http}){said}"),
            401 => (RoomConnectFailure.InvalidToken, $"The server at {endpoint} refused the access token ({http}){said}"),
            403 => (RoomConnectFailure.NotAllowed, $"The access token does not allow joining a room at {endpoint} ({http}){said}"),

            // 400: the token has no identity or no room name ("identity cannot be empty", "no room name").
            400 => (RoomConnectFailure.InvalidToken, $"The server at {endpoint} refused the join request ({http}){said}"),
            404 when text is not null && text.Contains("does not exist", StringComparison.OrdinalIgnoreCase) => (RoomConnectFailure.RoomNotFound,
                $"The room does not exist and the server at {endpoint} does not create it for this token ({http}){said}"),

            // A 404 for /rtc/validate itself: the URL's path leads to no LiveKit server.
            404 => (RoomConnectFailure.ServerUnreachable, $"No LiveKit server at {endpoint} ({http}){Shorten(said)}"),
            _ => (RoomConnectFailure.ServerError, $"The server at {endpoint} failed the join ({http}){Shorten(said)}"),
        };

        return new RoomConnectException(failure, message, upgradeFailure)
        {
            // For "success", the status that refused the join is the upgrade's; otherwise the validate answer's.
            StatusCode = (int)status == 200 && text == "success" ? upgradeStatus ?? status : status,
            ServerMessage = string.IsNullOrEmpty(text) ? null : text,
        };
    }

    /// <summary>GETs the validate URI; null when no HTTP answer came (refused, reset, not HTTP).</summary>
    private static async Task<(HttpStatusCode Status, string Text)?> ValidateAsync(Uri validateUri, CancellationToken cancellationToken)
    {
        // One client per diagnosis: this runs only after a failed join, and disposing it closes its connection.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using HttpResponseMessage response = await http.GetAsync(validateUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] buffer = new byte[MaxBodyBytes];
                int length = 0;
                int read;
                while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return (response.StatusCode, Encoding.UTF8.GetString(buffer, 0, length).Trim());
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            return null;
        }
    }

    /// <summary>
    /// The server's text with the access token replaced by <c>&lt;token&gt;</c>: LiveKit quotes the whole JWT in its
    /// invalid-token answers, and exception messages end up in logs, where a credential must not.
    /// </summary>
    internal static string RedactToken(string text, Uri joinUri)
    {
        foreach (string pair in joinUri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("access_token=", StringComparison.Ordinal))
            {
                string token = Uri.UnescapeDataString(pair["access_token=".Length..]);
                return token.Length == 0 ? text : text.Replace(token, "<token>", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Keeps a message readable when the body is a web page rather than the server's one-line text.</summary>
    private static string Shorten(string said) => said.Length <= 200 ? said : said[..200] + "...";
}
