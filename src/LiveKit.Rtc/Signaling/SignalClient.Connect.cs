using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Signaling;

internal sealed partial class SignalClient
{
    /// <summary>
    /// Opens the <c>/rtc</c> WebSocket and reads the join response, all within <see cref="SignalJoinOptions.ConnectTimeout"/>.
    /// </summary>
    /// <param name="url">The server's URL (ws, wss, http or https; a path prefix is kept).</param>
    /// <param name="token">The access token (JWT).</param>
    /// <param name="options">The join flags and the timeout.</param>
    /// <param name="logger">Where the connection logs.</param>
    /// <param name="cancellationToken">Gives up the join; thrown as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The joined client, not started yet: call <see cref="Start"/> to read on.</returns>
    /// <exception cref="ArgumentException">The URL is not a ws/wss/http/https URL, the token is empty or the timeout is not positive.</exception>
    /// <exception cref="RoomConnectException">The join failed; <see cref="RoomConnectException.Failure"/> says why.</exception>
    public static async Task<SignalClient> ConnectAsync(
        string url, string token, SignalJoinOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The connect timeout must be positive; it is {options.ConnectTimeout}.", nameof(options));
        }

        Uri uri = SignalUrl.ForJoin(url, token, options);
        string endpoint = SignalUrl.WithoutQuery(uri);
        cancellationToken.ThrowIfCancellationRequested();

        using var budget = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var joining = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        SignalFrameReader? reader = null;
        try
        {
            SignalLog.Connecting(logger, endpoint);
            try
            {
                await socket.ConnectAsync(uri, joining.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsNetworkFailure(exception) && !joining.IsCancellationRequested)
            {
                HttpStatusCode? status = socket.HttpStatusCode == 0 ? null : socket.HttpStatusCode;
                throw await JoinDiagnosis.DiagnoseAsync(uri, status, exception, logger, joining.Token).ConfigureAwait(false);
            }

            reader = new SignalFrameReader(socket);
            JoinResponse join = await ReadJoinResponseAsync(socket, reader, endpoint, joining.Token).ConfigureAwait(false);
            SignalLog.Joined(logger, endpoint, join.Room?.Name ?? "", join.Participant?.Identity ?? "", join.PingInterval, join.PingTimeout);
            return new SignalClient(socket, reader, join, options.TimeProvider, logger, endpoint);
        }
        catch (Exception exception)
        {
            socket.Abort();
            socket.Dispose();
            reader?.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            if (exception is RoomConnectException)
            {
                throw;
            }

            if (budget.IsCancellationRequested)
            {
                throw new RoomConnectException(
                    RoomConnectFailure.Timeout,
                    $"The signal connection to {endpoint} did not join within {options.ConnectTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
                    exception);
            }

            if (IsNetworkFailure(exception))
            {
                throw new RoomConnectException(
                    RoomConnectFailure.ServerError,
                    $"The signal connection to {endpoint} failed before the join response: {exception.Message}",
                    exception);
            }

            throw;
        }
    }

    /// <summary>The failures of a connection (as opposed to bugs), which a join turns into a <see cref="RoomConnectException"/>.</summary>
    private static bool IsNetworkFailure(Exception exception) =>
        exception is WebSocketException or HttpRequestException or IOException or SocketException or AuthenticationException;

    /// <summary>Reads the first message (brief §1.2): a join response, or a leave when the server refuses the join.</summary>
    private static async Task<JoinResponse> ReadJoinResponseAsync(
        ClientWebSocket socket, SignalFrameReader reader, string endpoint, CancellationToken cancellationToken)
    {
        SignalFrameKind kind = await reader.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        SignalResponse? first = null;
        string what = kind switch
        {
            SignalFrameKind.Close => $"closed the connection ({socket.CloseStatus} \"{socket.CloseStatusDescription}\")",
            SignalFrameKind.Text => "sent a text frame",
            SignalFrameKind.TooBig => $"sent a message over {SignalFrameReader.MaxFrameSize} bytes",
            _ => TryParse(reader.Frame, out first) ? $"sent {first.MessageCase}" : "sent a frame that is not a SignalResponse",
        };

        switch (first?.MessageCase)
        {
            case SignalResponse.MessageOneofCase.Join:
                return first.Join;
            case SignalResponse.MessageOneofCase.Leave:
                LeaveRequest leave = first.Leave;
                var reason = (DisconnectReason)leave.Reason;
                throw new RoomConnectException(
                    RoomConnectFailure.Refused,
                    $"The server at {endpoint} refused the join with a leave (reason {reason}, action {leave.Action}).")
                {
                    DisconnectReason = (DisconnectReason)leave.Reason,
                    ServerMessage = reason.ToString(),
                };
            default:
                throw new RoomConnectException(
                    RoomConnectFailure.ServerError,
                    $"The server at {endpoint} {what} instead of a join response.")
                {
                    ServerMessage = kind == SignalFrameKind.Close ? socket.CloseStatusDescription : null,
                };
        }
    }

    /// <summary>Parses one frame; false (never an exception) when the bytes are not a SignalResponse.</summary>
    private static bool TryParse(ReadOnlySpan<byte> frame, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SignalResponse? response)
    {
        try
        {
            response = SignalResponse.Parser.ParseFrom(frame);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            response = null;
            return false;
        }
    }
}
