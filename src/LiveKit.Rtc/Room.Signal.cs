using System;
using System.Collections.Generic;
using System.Linq;
using LiveKit.Rtc.Signaling;

namespace LiveKit.Rtc;

// What the server says, applied to the room and emitted. Every method here runs on the room loop.
public sealed partial class Room
{
    /// <summary>Dispatches one signal response of <paramref name="session"/> (brief §2.2).</summary>
    internal void OnSignalResponse(RoomSession session, Proto.SignalResponse response)
    {
        if (!ReferenceEquals(session, _session) || session.IsClosing && response.MessageCase != Proto.SignalResponse.MessageOneofCase.RequestResponse)
        {
            return;
        }

        switch (response.MessageCase)
        {
            case Proto.SignalResponse.MessageOneofCase.Offer:
                session.Engine.OnSubscriberOffer(response.Offer);
                break;
            case Proto.SignalResponse.MessageOneofCase.Answer:
                session.Engine.OnPublisherAnswer(response.Answer);
                break;
            case Proto.SignalResponse.MessageOneofCase.Trickle:
                session.Engine.AddRemoteCandidate(response.Trickle);
                break;
            case Proto.SignalResponse.MessageOneofCase.Update:
                ApplyParticipantUpdates(session, response.Update.Participants);
                break;
            case Proto.SignalResponse.MessageOneofCase.RoomUpdate:
                ApplyRoomUpdate(response.RoomUpdate.Room);
                break;
            case Proto.SignalResponse.MessageOneofCase.SpeakersChanged:
                ApplySpeakers(response.SpeakersChanged.Speakers);
                break;
            case Proto.SignalResponse.MessageOneofCase.ConnectionQuality:
                ApplyConnectionQuality(response.ConnectionQuality.Updates);
                break;
            case Proto.SignalResponse.MessageOneofCase.StreamStateUpdate:
                ApplyStreamStates(response.StreamStateUpdate.StreamStates);
                break;
            case Proto.SignalResponse.MessageOneofCase.TrackPublished:
                ApplyTrackPublished(response.TrackPublished);
                break;
            case Proto.SignalResponse.MessageOneofCase.Mute:
                ApplyServerMute(response.Mute);
                break;
            case Proto.SignalResponse.MessageOneofCase.TrackUnpublished:
                ApplyServerUnpublish(response.TrackUnpublished.TrackSid);
                break;
            case Proto.SignalResponse.MessageOneofCase.TrackSubscribed:
                ApplyLocalTrackSubscribed(response.TrackSubscribed.TrackSid);
                break;
            case Proto.SignalResponse.MessageOneofCase.SubscriptionResponse:
                ApplySubscriptionFailure(response.SubscriptionResponse);
                break;
            case Proto.SignalResponse.MessageOneofCase.SubscriptionPermissionUpdate:
                ApplySubscriptionPermission(response.SubscriptionPermissionUpdate);
                break;
            case Proto.SignalResponse.MessageOneofCase.RequestResponse:
                CompleteRequest(response.RequestResponse);
                break;
            case Proto.SignalResponse.MessageOneofCase.RefreshToken:
                session.Token = response.RefreshToken;
                Emit(RoomEvent.TokenRefreshed);
                break;
            case Proto.SignalResponse.MessageOneofCase.RoomMoved:
                ApplyRoomMoved(session, response.RoomMoved);
                break;
            case Proto.SignalResponse.MessageOneofCase.Leave:
                OnServerLeave(session, response.Leave);
                break;
            default:
                // join (only first), pong/pong_resp (the signal client's), reconnect (resume: a later issue),
                // subscribed_quality_update (dynacast: with video publishing), single-PC and data-track messages.
                break;
        }
    }

    /// <summary>The signal connection ended without our asking (server close, network loss, ping timeout): rejoin.</summary>
    internal void OnSignalClosed(RoomSession session, SignalClosed closed)
    {
        var failure = new RoomConnectException(
            RoomConnectFailure.ServerError,
            $"The signal connection closed before the room connected ({closed.Reason}{(closed.CloseDescription is { Length: > 0 } d ? ": " + d : "")}).",
            closed.Exception);
        EndSessionFromServer(session, DisconnectReason.SignalClose, failure, rejoin: true);
    }

    /// <summary>
    /// A server leave (brief §5.1): DISCONNECT ends the room with its reason; RESUME and RECONNECT make it rejoin.
    /// Before the join completed, a leave is a refusal of the join.
    /// </summary>
    private void OnServerLeave(RoomSession session, Proto.LeaveRequest leave)
    {
        var reason = (DisconnectReason)leave.Reason;
        var failure = new RoomConnectException(RoomConnectFailure.Refused, $"The server refused the join: {reason}.")
        {
            DisconnectReason = reason,
        };
        EndSessionFromServer(session, reason, failure, rejoin: leave.Action != Proto.LeaveRequest.Types.Action.Disconnect);
    }

    /// <summary>
    /// Fills in the room from the join response, without events: the room is not connected yet. A rejoin keeps the
    /// same <see cref="LocalParticipant"/> object (with its new sid), and its participants are announced once it connects.
    /// </summary>
    private void ApplyJoin(Proto.JoinResponse join, bool isRejoin)
    {
        ApplyRoomInfo(join.Room);
        if (!isRejoin || LocalParticipant is null || LocalParticipant.Identity != join.Participant.Identity)
        {
            LocalParticipant = new LocalParticipant(join.Participant.Sid, join.Participant.Identity, this);
        }

        LocalParticipant.Version = 0;
        ParticipantInfoMapping.Apply(LocalParticipant, join.Participant);
        foreach (Proto.ParticipantInfo info in join.OtherParticipants)
        {
            if (info.State != Proto.ParticipantInfo.Types.State.Disconnected && info.Identity != LocalParticipant.Identity)
            {
                AddRemoteParticipant(CreateRemoteParticipant(info));
            }
        }
    }

    /// <summary>The primary PeerConnection is up: the room is connected (or reconnected, for a rejoin).</summary>
    private void OnJoinConnected(RoomSession session, Proto.JoinResponse join)
    {
        if (!ReferenceEquals(session, _session))
        {
            return;
        }

        session.IsConnected = true;
        RoomLog.Connected(_logger, Name, LocalParticipant!.Identity, join.ServerInfo?.Version ?? join.ServerVersion, join.ServerInfo?.Protocol ?? 0);
        if (session.IsRejoin)
        {
            // The room let everyone go when the connection was lost; the rejoin meets them again.
            _reconnect = null;
            foreach (RemoteParticipant participant in _remoteParticipants.Values)
            {
                Emit(RoomEvent.ParticipantConnected, participant);
                foreach (RemoteTrackPublication publication in participant.TrackPublications.Values)
                {
                    Emit(RoomEvent.TrackPublished, publication, participant);
                }
            }
        }

        SetConnectionState(ConnectionState.Connected);
        if (session.IsRejoin)
        {
            Emit(RoomEvent.Reconnected);
        }
        else
        {
            Emit(RoomEvent.Connected);
        }

        foreach (Action held in session.HeldUntilConnected)
        {
            held();
        }

        session.HeldUntilConnected.Clear();
    }

    /// <summary>
    /// Ends <paramref name="session"/> on the room's side: every subscribed track unsubscribed, every remote participant
    /// gone (with events, as the JS SDK does), the state Disconnected, and <c>disconnected</c> last.
    /// </summary>
    private void EndSession(RoomSession session, DisconnectReason reason)
    {
        if (!ReferenceEquals(session, _session))
        {
            return;
        }

        foreach (RemoteParticipant participant in _remoteParticipants.Values.ToArray())
        {
            RemoveRemoteParticipantWithEvents(participant);
        }

        FailMetadataRequests($"The room disconnected ({reason}) before the server confirmed the change.");
        StopPublishedTracks();
        _session = null;
        RoomLog.Disconnected(_logger, Name, reason);
        SetConnectionState(ConnectionState.Disconnected);
        Emit(RoomEvent.Disconnected, reason);
    }

    /// <summary>Forgets the room's state after a failed join (nothing was emitted about it); a rejoin keeps its local participant.</summary>
    private void ClearRoomState(bool keepLocalParticipant)
    {
        _remoteParticipants = _remoteParticipants.Clear();
        _activeSpeakers = Array.Empty<Participant>();
        if (!keepLocalParticipant)
        {
            LocalParticipant = null;
        }
    }

    private void SetConnectionState(ConnectionState state)
    {
        if (ConnectionState == state)
        {
            return;
        }

        ConnectionState = state;
        Emit(RoomEvent.ConnectionStateChanged, state);
    }

    private void ApplyRoomInfo(Proto.Room room)
    {
        Name = room.Name;
        Sid = room.Sid;
        Metadata = room.Metadata;
        NumParticipants = (int)room.NumParticipants;
        NumPublishers = (int)room.NumPublishers;
        IsRecording = room.ActiveRecording;
    }

    /// <summary>RoomUpdate (brief §2.3): room_metadata_changed when the metadata changed, then room_updated.</summary>
    private void ApplyRoomUpdate(Proto.Room room)
    {
        string oldMetadata = Metadata;
        ApplyRoomInfo(room);
        if (oldMetadata != Metadata)
        {
            Emit(RoomEvent.RoomMetadataChanged, oldMetadata, Metadata);
        }

        Emit(RoomEvent.RoomUpdated);
    }

    /// <summary>
    /// RoomMovedResponse (brief §2.3): keep the token and the room, let every remote participant go, emit
    /// <c>moved</c>, then take in the new room's participants. The media connections stay.
    /// </summary>
    private void ApplyRoomMoved(RoomSession session, Proto.RoomMovedResponse moved)
    {
        if (moved.Token.Length > 0)
        {
            session.Token = moved.Token;
        }

        if (moved.Room is not null)
        {
            ApplyRoomInfo(moved.Room);
        }

        foreach (RemoteParticipant participant in _remoteParticipants.Values.ToArray())
        {
            RemoveRemoteParticipantWithEvents(participant);
        }

        session.ReliableData.Clear();
        Emit(RoomEvent.Moved);
        var infos = new List<Proto.ParticipantInfo>(moved.OtherParticipants);
        if (moved.Participant is not null)
        {
            infos.Insert(0, moved.Participant);
        }

        ApplyParticipantUpdates(session, infos);
    }
}
