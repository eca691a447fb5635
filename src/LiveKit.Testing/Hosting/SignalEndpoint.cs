using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.Testing.Rooms;
using LiveKit.Testing.Signal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Hosting;

/// <summary>
/// <c>/rtc</c> (protocol 17, dual PeerConnection) and <c>/rtc/validate</c>. <c>/rtc/v1</c> (single PeerConnection)
/// and its <c>/validate</c> answer 404, which makes current clients fall back to <c>/rtc</c> (brief §1.1, §1.2).
/// </summary>
internal sealed class SignalEndpoint
{
    private readonly ServerContext _context;
    private readonly RoomRegistry _rooms;
    private readonly JoinValidator _validator;
    private readonly ILogger _logger;

    public SignalEndpoint(ServerContext context, RoomRegistry rooms)
    {
        _context = context;
        _rooms = rooms;
        _validator = new JoinValidator(context, rooms);
        _logger = context.Loggers.CreateLogger("LiveKit.Testing.Signal");
    }

    /// <summary>GET /rtc/validate: 200 "success", or the status and reason a join would fail with.</summary>
    public async Task ValidateAsync(HttpContext http)
    {
        JoinRefusal? refusal = _validator.Validate(JoinParameters.From(http.Request), out _);
        http.Response.StatusCode = refusal?.StatusCode ?? StatusCodes.Status200OK;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(refusal?.Message ?? "success").ConfigureAwait(false);
    }

    /// <summary>GET /rtc: validates, upgrades, joins, then reads requests until the connection ends.</summary>
    public async Task ConnectAsync(HttpContext http)
    {
        JoinParameters join = JoinParameters.From(http.Request);
        JoinRefusal? refusal = _validator.Validate(join, out ClaimGrants? claims);
        if (refusal is not null)
        {
            http.Response.StatusCode = refusal.StatusCode;
            await http.Response.WriteAsync(refusal.Message).ConfigureAwait(false);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            // The real server answers a plain GET of /rtc with an empty 404 (src/LiveKit.Api/README.md).
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        WebSocket socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await using var signal = new SignalConnection(socket, _context.Options.MaxSignalMessageSize, _context.Options.PingTimeout, _logger);
        if (join.Reconnect)
        {
            // Resuming needs ICE restarts this server does not do (JoinResponse says resume_connection=DISABLED):
            // tell the client to join afresh, as the real server does for a session it cannot resume.
            signal.Send(new SignalResponse { Leave = new LeaveRequest { Reason = DisconnectReason.StateMismatch, Action = LeaveRequest.Types.Action.Reconnect, CanReconnect = true } });
            return;
        }

        ServerRoom room = _rooms.GetOrCreate(claims!.Video!.Room!);
        var participant = new ServerParticipant(_context, room, claims, signal, join);
        try
        {
            await room.Loop.InvokeAsync(() => room.JoinAsync(participant)).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            signal.Send(new SignalResponse { Leave = new LeaveRequest { Reason = DisconnectReason.RoomDeleted, Action = LeaveRequest.Types.Action.Disconnect } });
            await participant.DisposeAsync().ConfigureAwait(false);
            return;
        }

        SignalReadStatus status = await ReadRequestsAsync(signal, participant, http.RequestAborted).ConfigureAwait(false);
        switch (status)
        {
            case SignalReadStatus.Malformed:
                // The real server's read loop just ends; its writer then closes with 1000 and no reason (rtcservice.go).
                signal.Close(WebSocketCloseStatus.NormalClosure, "");
                break;
            case SignalReadStatus.TooBig:
                signal.Close(WebSocketCloseStatus.MessageTooBig, "signal request too big");
                break;
        }

        // A connection that ends without a leave removes its participant (no resume here; the others see it go).
        DisconnectReason reason = status == SignalReadStatus.TimedOut ? DisconnectReason.ConnectionTimeout : DisconnectReason.SignalClose;
        participant.Room.Loop.Post(() => participant.Room.RemoveAsync(participant, reason));
    }

    private async Task<SignalReadStatus> ReadRequestsAsync(SignalConnection signal, ServerParticipant participant, CancellationToken cancellationToken)
    {
        while (true)
        {
            (SignalReadStatus status, SignalRequest? request) = await signal.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (status != SignalReadStatus.Message)
            {
                _logger.LogDebug("{Identity}: signal ended: {Status}", participant.Identity, status);
                return status;
            }

            // The participant's room may change (moves): post to wherever it is now.
            ServerRoom room = participant.Room;
            room.Loop.Post(async () =>
            {
                if (!participant.IsClosed)
                {
                    await participant.HandleAsync(request!).ConfigureAwait(false);
                }
            });
            if (request!.MessageCase == SignalRequest.MessageOneofCase.Leave)
            {
                return SignalReadStatus.Closed;
            }
        }
    }
}
