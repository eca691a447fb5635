using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Signal;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Ice;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

// The signal requests a participant sends (brief §2.1), each handled on the room loop.
internal sealed partial class ServerParticipant
{
    private ITimer? _refreshTimer;

    public async Task HandleAsync(SignalRequest request)
    {
        switch (request.MessageCase)
        {
            case SignalRequest.MessageOneofCase.Offer:
                await OnPublisherOfferAsync(request.Offer).ConfigureAwait(false);
                break;
            case SignalRequest.MessageOneofCase.Answer:
                await OnSubscriberAnswerAsync(request.Answer).ConfigureAwait(false);
                break;
            case SignalRequest.MessageOneofCase.Trickle:
                OnTrickle(request.Trickle);
                break;
            case SignalRequest.MessageOneofCase.AddTrack:
                OnAddTrack(request.AddTrack);
                break;
            case SignalRequest.MessageOneofCase.Mute:
                OnMute(request.Mute);
                break;
            case SignalRequest.MessageOneofCase.Subscription:
                await Room.UpdateSubscriptionAsync(this, request.Subscription).ConfigureAwait(false);
                break;
            case SignalRequest.MessageOneofCase.TrackSetting:
                Room.UpdateTrackSettings(this, request.TrackSetting);
                break;
            case SignalRequest.MessageOneofCase.Leave:
                Signal.Close(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "leave");
                await Room.RemoveAsync(this, request.Leave.Reason == DisconnectReason.UnknownReason ? DisconnectReason.ClientInitiated : request.Leave.Reason).ConfigureAwait(false);
                break;
            case SignalRequest.MessageOneofCase.UpdateMetadata:
                OnUpdateMetadata(request.UpdateMetadata);
                break;
            case SignalRequest.MessageOneofCase.Ping:
                // The legacy ping is answered with the server's time (brief §2.2 #18).
                Send(new SignalResponse { Pong = _context.NowMilliseconds });
                break;
            case SignalRequest.MessageOneofCase.PingReq:
                Send(new SignalResponse { PongResp = new Pong { LastPingTimestamp = request.PingReq.Timestamp, Timestamp = _context.NowMilliseconds } });
                break;
            case SignalRequest.MessageOneofCase.Simulate:
                await OnSimulateAsync(request.Simulate).ConfigureAwait(false);
                break;
            case SignalRequest.MessageOneofCase.SubscriptionPermission:
            case SignalRequest.MessageOneofCase.SyncState:
            case SignalRequest.MessageOneofCase.UpdateLayers:
            case SignalRequest.MessageOneofCase.UpdateAudioTrack:
            case SignalRequest.MessageOneofCase.UpdateVideoTrack:
                // Accepted and not acted on: every participant may subscribe to every track here.
                break;
            default:
                _logger.LogDebug("{Identity}: signal request {Case} not handled", Identity, request.MessageCase);
                break;
        }
    }

    private void OnTrickle(TrickleRequest trickle)
    {
        if (!Trickle.TryParse(trickle.CandidateInit, out IceCandidateInit? candidate))
        {
            _logger.LogDebug("{Identity}: trickle with a malformed candidateInit dropped", Identity);
            return;
        }

        PeerConnection target = trickle.Target == SignalTarget.Subscriber ? Subscriber : Publisher;
        try
        {
            target.AddIceCandidate(candidate!);
        }
        catch (ArgumentException e)
        {
            _logger.LogDebug("{Identity}: candidate refused: {Message}", Identity, e.Message);
        }
    }

    /// <summary>
    /// update_metadata (brief §2.3): needs canUpdateOwnMetadata; an empty attribute value deletes the key. A request
    /// with a request_id is answered with request_response (OK only for protocol 15 and later).
    /// </summary>
    private void OnUpdateMetadata(UpdateParticipantMetadata request)
    {
        if (Info.Permission?.CanUpdateMetadata != true)
        {
            Respond(request.RequestId, RequestResponse.Types.Reason.NotAllowed, "does not have permission to update own metadata");
            return;
        }

        ApplyMetadata(request.Metadata, request.Name, request.Attributes);
        Respond(request.RequestId, RequestResponse.Types.Reason.Ok, "");
    }

    /// <summary>Applies a metadata, name or attributes change (from the client or the server API) and broadcasts it.</summary>
    public void ApplyMetadata(string? metadata, string? name, IReadOnlyDictionary<string, string>? attributes)
    {
        bool changed = false;
        if (!string.IsNullOrEmpty(metadata) && metadata != Info.Metadata)
        {
            Info.Metadata = metadata;
            changed = true;
        }

        if (!string.IsNullOrEmpty(name) && name != Info.Name)
        {
            Info.Name = name;
            changed = true;
        }

        foreach (KeyValuePair<string, string> attribute in attributes ?? new Dictionary<string, string>())
        {
            if (attribute.Value.Length == 0)
            {
                changed |= Info.Attributes.Remove(attribute.Key);
            }
            else if (!Info.Attributes.TryGetValue(attribute.Key, out string? old) || old != attribute.Value)
            {
                Info.Attributes[attribute.Key] = attribute.Value;
                changed = true;
            }
        }

        if (changed)
        {
            Changed();
            Room.BroadcastParticipantUpdate(this);
        }
    }

    private void Respond(uint requestId, RequestResponse.Types.Reason reason, string message)
    {
        if (requestId == 0 || (reason == RequestResponse.Types.Reason.Ok && Join.Protocol < 15))
        {
            return;
        }

        Send(new SignalResponse { RequestResponse = new RequestResponse { RequestId = requestId, Reason = reason, Message = message } });
    }

    /// <summary>The simulate request (brief §2.1 #13), the scenarios a test server can act out.</summary>
    private async Task OnSimulateAsync(SimulateScenario scenario)
    {
        switch (scenario.ScenarioCase)
        {
            case SimulateScenario.ScenarioOneofCase.SpeakerUpdate:
                Room.SimulateSpeaker(this, scenario.SpeakerUpdate);
                break;
            case SimulateScenario.ScenarioOneofCase.NodeFailure:
                // The node "dies": no leave, the connection just drops.
                Signal.Abort();
                await Room.RemoveAsync(this, DisconnectReason.SignalClose).ConfigureAwait(false);
                break;
            case SimulateScenario.ScenarioOneofCase.ServerLeave:
                SendLeaveAndClose(DisconnectReason.ServerShutdown, LeaveRequest.Types.Action.Disconnect);
                await Room.RemoveAsync(this, DisconnectReason.ServerShutdown).ConfigureAwait(false);
                break;
            case SimulateScenario.ScenarioOneofCase.Migration:
            case SimulateScenario.ScenarioOneofCase.LeaveRequestFullReconnect:
                SendLeaveAndClose(DisconnectReason.Migration, LeaveRequest.Types.Action.Reconnect);
                await Room.RemoveAsync(this, DisconnectReason.Migration).ConfigureAwait(false);
                break;
            default:
                _logger.LogDebug("{Identity}: simulate {Case} has no effect here", Identity, scenario.ScenarioCase);
                break;
        }
    }

    /// <summary>Sends a fresh token every refresh interval (the first one follows the join at once).</summary>
    public void StartTokenRefresh()
    {
        TimeSpan interval = _context.Options.TokenRefreshInterval;
        _refreshTimer = _context.Time.CreateTimer(_ => Post(() =>
        {
            Send(new SignalResponse { RefreshToken = _context.Tokens.Reissue(Claims, Room.Name) });
            return Task.CompletedTask;
        }), null, interval, interval);
    }

    private void StopTimers() => _refreshTimer?.Dispose();
}
