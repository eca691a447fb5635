using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc;

// Full reconnect (brief §5.3): when the connection is lost after the join (signal closed, a PeerConnection failed, a
// server leave asking to resume or reconnect), the room rejoins with the newest token as a new session. The room
// emits reconnecting, lets every remote participant go, and once a rejoin connects, meets them again and emits
// reconnected. Session resume (§5.2, same session, ICE restart) is a later issue: a RESUME request is served by a
// rejoin too, as the JS SDK does when a resume fails.
public sealed partial class Room
{
    private Rejoin? _reconnect;

    /// <summary>Starts rejoining after <paramref name="lost"/> ended. Room loop only.</summary>
    private void BeginRejoin(RoomSession lost, DisconnectReason reason)
    {
        if (!lost.TryBeginClose())
        {
            return;
        }

        RoomLog.Reconnecting(_logger, Name, reason);
        FailMetadataRequests($"The connection was lost ({reason}) before the server confirmed the change; set it again once reconnected.");
        // Republishing after a rejoin (brief §5.3 step 4) comes with session resume; until then the tracks stop.
        StopPublishedTracks();
        SetConnectionState(ConnectionState.Reconnecting);
        Emit(RoomEvent.Reconnecting);
        foreach (RemoteParticipant participant in _remoteParticipants.Values.ToArray())
        {
            RemoveRemoteParticipantWithEvents(participant);
        }

        var cancel = new CancellationTokenSource();
        _reconnect = new Rejoin(cancel, RejoinAsync(lost, reason, cancel.Token));
    }

    private async Task RejoinAsync(RoomSession lost, DisconnectReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        // "Send leave if possible" (brief §5.3 step 1): the old session goes at once rather than at its ping timeout.
        await CloseSessionAsync(lost, new Proto.LeaveRequest
        {
            Reason = Proto.DisconnectReason.ClientInitiated,
            Action = Proto.LeaveRequest.Types.Action.Reconnect,
        }).ConfigureAwait(false);

        DisconnectReason endReason = reason;
        int attempt = 0;
        foreach (TimeSpan delay in lost.Options.ReconnectDelays)
        {
            attempt++;
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                await JoinOnceAsync(lost.Target, lost.Token, lost.Options, isRejoin: true, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                endReason = DisconnectReason.ClientInitiated;
                break;
            }
            catch (RoomConnectException exception)
            {
                RoomLog.RejoinFailed(_logger, exception, attempt, exception.Failure);
                if (!exception.IsRetryable)
                {
                    endReason = exception.DisconnectReason ?? DisconnectReason.JoinFailure;
                    break;
                }
            }
        }

        await Loop.InvokeAsync(() => EndAfterRejoinFailed(endReason)).ConfigureAwait(false);
    }

    /// <summary>No rejoin connected: the room ends as disconnected. The remote participants were let go already.</summary>
    private void EndAfterRejoinFailed(DisconnectReason reason)
    {
        _reconnect = null;
        _session = null;
        FailMetadataRequests($"The room disconnected ({reason}).");
        RoomLog.Disconnected(_logger, Name, reason);
        SetConnectionState(ConnectionState.Disconnected);
        Emit(RoomEvent.Disconnected, reason);
    }

    /// <summary>A rejoin in progress and the way to stop it.</summary>
    private sealed record Rejoin(CancellationTokenSource Cancel, Task Task);
}
