using System;
using System.Linq;
using LiveKit.WebRtc;
using LiveKit.WebRtc.Sdp;

namespace LiveKit.Rtc;

// Tracks: remote tracks bound to their publications as the subscriber PeerConnection receives them, subscriptions,
// and what the server says about this client's own tracks. Room loop only.
public sealed partial class Room
{
    /// <summary>The subscriber PeerConnection bound a remote track: find its publication by msid and emit track_subscribed.</summary>
    internal void OnRemoteTrack(RoomSession session, RtpTransceiver transceiver)
    {
        if (ReferenceEquals(session, _session) && !TryBindTrack(session, transceiver))
        {
            RoomLog.RemoteTrackPending(_logger, transceiver.Receiver.TrackId ?? "", transceiver.Receiver.StreamIds.FirstOrDefault() ?? "");
            session.UnboundTracks.Add(transceiver);
        }
    }

    /// <summary>A subscriber offer was answered: a track whose m-line stopped receiving is unsubscribed.</summary>
    internal void OnSubscriberNegotiated(RoomSession session)
    {
        if (!ReferenceEquals(session, _session))
        {
            return;
        }

        session.UnboundTracks.RemoveAll(t => !IsReceiving(t));
        foreach (RemoteParticipant participant in _remoteParticipants.Values)
        {
            foreach (RemoteTrackPublication publication in participant.TrackPublications.Values)
            {
                if (publication.Track is { } track && (!IsReceiving(track.Transceiver) || track.Transceiver.Receiver.TrackId != publication.Sid))
                {
                    UnsubscribeRemoteTrack(participant, publication);
                }
            }
        }
    }

    /// <summary>Sends UpdateSubscription for <paramref name="publication"/> (brief §3.5). Called by <see cref="RemoteTrackPublication.SetSubscribed"/>.</summary>
    internal void RequestSubscription(RemoteTrackPublication publication, RemoteParticipant participant, bool subscribe)
    {
        RoomSession session = _session ?? throw new InvalidOperationException("The room is not connected: subscriptions can change only while it is connected.");
        var update = new Proto.UpdateSubscription { Subscribe = subscribe };
        update.TrackSids.Add(publication.Sid);
        update.ParticipantTracks.Add(new Proto.ParticipantTracks { ParticipantSid = participant.Sid, TrackSids = { publication.Sid } });
        _ = SendAsync(session, new Proto.SignalRequest { Subscription = update });
    }

    private static bool IsReceiving(RtpTransceiver transceiver) =>
        !transceiver.IsStopped && transceiver.CurrentDirection is SdpMediaDirection direction && direction.Receives();

    /// <summary>Binds the tracks that arrived before their publication was announced.</summary>
    private void BindUnboundTracks(RoomSession session)
    {
        if (session.UnboundTracks.Count > 0)
        {
            session.UnboundTracks.RemoveAll(t => TryBindTrack(session, t));
        }
    }

    /// <summary>Binds <paramref name="transceiver"/> to its publication; false when the publication is not known yet.</summary>
    private bool TryBindTrack(RoomSession session, RtpTransceiver transceiver)
    {
        if (!TrackMsid.TryParse(transceiver.Receiver.StreamIds, transceiver.Receiver.TrackId, out string participantSid, out string trackSid))
        {
            // Not LiveKit's convention: nothing to bind it to, and waiting would not help.
            return true;
        }

        if (FindParticipantBySid(participantSid) is not RemoteParticipant participant
            || !participant.TrackPublications.TryGetValue(trackSid, out RemoteTrackPublication? publication))
        {
            return false;
        }

        if (publication.Track is { } bound && ReferenceEquals(bound.Transceiver, transceiver))
        {
            return true;
        }

        UnsubscribeRemoteTrack(participant, publication);
        RemoteTrack track = publication.Kind == TrackKind.Video
            ? new RemoteVideoTrack(publication.Sid, publication.Name, transceiver)
            : new RemoteAudioTrack(publication.Sid, publication.Name, transceiver);
        track.IsMuted = publication.IsMuted;
        track.StreamState = StreamState.Active;
        publication.Track = track;
        if (session.IsConnected)
        {
            Emit(RoomEvent.TrackSubscribed, track, publication, participant);
        }
        else
        {
            // Held until connected, as the JS SDK does; by then the track may be gone again.
            session.HeldUntilConnected.Add(() =>
            {
                if (ReferenceEquals(publication.Track, track))
                {
                    Emit(RoomEvent.TrackSubscribed, track, publication, participant);
                }
            });
        }

        return true;
    }

    private void UnsubscribeRemoteTrack(RemoteParticipant participant, RemoteTrackPublication publication)
    {
        if (publication.Track is { } track)
        {
            publication.Track = null;
            Emit(RoomEvent.TrackUnsubscribed, track, publication, participant);
        }
    }

    /// <summary>SubscriptionResponse: the server could not subscribe this client to a track.</summary>
    private void ApplySubscriptionFailure(Proto.SubscriptionResponse response)
    {
        string error = response.Err switch
        {
            Proto.SubscriptionError.SeCodecUnsupported => "codec unsupported",
            Proto.SubscriptionError.SeTrackNotfound => "track not found",
            _ => "unknown error",
        };
        EmitSubscriptionFailed(response.TrackSid, error);
    }

    /// <summary>SubscriptionPermissionUpdate: a publisher's permissions now deny (or allow again) one of its tracks to this client.</summary>
    private void ApplySubscriptionPermission(Proto.SubscriptionPermissionUpdate update)
    {
        if (FindParticipantBySid(update.ParticipantSid) is RemoteParticipant participant
            && participant.TrackPublications.TryGetValue(update.TrackSid, out RemoteTrackPublication? publication))
        {
            publication.IsSubscriptionAllowed = update.Allowed;
            if (!update.Allowed)
            {
                Emit(RoomEvent.TrackSubscriptionFailed, participant, update.TrackSid, "not allowed by the publisher's subscription permissions");
            }
        }
    }

    private void EmitSubscriptionFailed(string trackSid, string error)
    {
        foreach (RemoteParticipant participant in _remoteParticipants.Values)
        {
            if (participant.TrackPublications.ContainsKey(trackSid))
            {
                Emit(RoomEvent.TrackSubscriptionFailed, participant, trackSid, error);
                return;
            }
        }

        RoomLog.SubscriptionFailedUnknownTrack(_logger, trackSid, error);
    }

    /// <summary>MuteTrackRequest from the server (brief §3.6): an admin muted or unmuted one of this client's tracks.</summary>
    private void ApplyServerMute(Proto.MuteTrackRequest mute)
    {
        if (LocalParticipant is { } local && local.TrackPublications.TryGetValue(mute.Sid, out LocalTrackPublication? publication))
        {
            SetMuted(local, publication, mute.Muted);
        }
    }

    /// <summary>TrackUnpublishedResponse: the server unpublished one of this client's tracks.</summary>
    private void ApplyServerUnpublish(string trackSid)
    {
        if (LocalParticipant?.RemoveTrackPublication(trackSid) is { } publication)
        {
            Emit(RoomEvent.LocalTrackUnpublished, publication);
        }
    }

    /// <summary>TrackSubscribed: one of this client's tracks got its first subscriber.</summary>
    private void ApplyLocalTrackSubscribed(string trackSid)
    {
        if (LocalParticipant is { } local && local.TrackPublications.TryGetValue(trackSid, out LocalTrackPublication? publication)
            && publication.Track is { } track)
        {
            Emit(RoomEvent.LocalTrackSubscribed, track);
        }
    }
}
