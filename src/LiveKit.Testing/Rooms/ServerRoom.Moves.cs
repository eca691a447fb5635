using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Media;

namespace LiveKit.Testing.Rooms;

// MoveParticipant (server API): the participant keeps its connections and tracks, leaves this room (the others see
// it go and lose its tracks; it loses theirs) and enters the destination, where it gets room_moved with a token for
// the new room and everyone there (brief §2.3 RoomMovedResponse).
internal sealed partial class ServerRoom
{
    /// <summary>Takes <paramref name="participant"/> out of this room without closing it. Runs on this room's loop.</summary>
    public async Task DetachForMoveAsync(ServerParticipant participant)
    {
        foreach (PublishedTrack track in participant.PublishedTracks.Values)
        {
            await OnTrackUnpublishedAsync(track).ConfigureAwait(false);
            track.AnnouncedSubscribed = false;
        }

        bool unsubscribed = false;
        foreach (string sid in participant.Subscriptions.Keys.ToArray())
        {
            Subscription? subscription = participant.RemoveSubscription(sid);
            if (subscription is not null)
            {
                subscription.Track.Detach(subscription);
                subscription.Detach();
                unsubscribed = true;
            }
        }

        _participants.Remove(participant.Identity);
        UpdateSnapshot();
        MarkEmptyIfNobodyLeft();

        if (!participant.IsHidden)
        {
            ParticipantInfo gone = participant.Info.Clone();
            gone.State = ParticipantInfo.Types.State.Disconnected;
            gone.DisconnectReason = DisconnectReason.Migration;
            Broadcast(new SignalResponse { Update = new ParticipantUpdate { Participants = { gone } } });
        }

        if (unsubscribed)
        {
            await participant.NegotiateSubscriberAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Brings a moved participant in. Runs on this (the destination) room's loop.</summary>
    public async Task AttachMovedAsync(ServerParticipant participant)
    {
        if (Find(participant.Identity) is ServerParticipant clash)
        {
            clash.SendLeaveAndClose(DisconnectReason.DuplicateIdentity, LeaveRequest.Types.Action.Disconnect);
            await RemoveAsync(clash, DisconnectReason.DuplicateIdentity).ConfigureAwait(false);
        }

        participant.Room = this;
        participant.Claims = participant.Claims with { Video = (participant.Claims.Video ?? new LiveKit.Api.VideoGrants()) with { Room = Name } };
        participant.Changed();
        _participants[participant.Identity] = participant;
        UpdateSnapshot();
        Info.NumParticipants = (uint)_participants.Values.Count(p => !p.IsHidden);

        var moved = new RoomMovedResponse
        {
            Room = Info.Clone(),
            Token = _context.Tokens.Reissue(participant.Claims, Name),
            Participant = participant.Info.Clone(),
        };
        foreach (ServerParticipant other in _participants.Values)
        {
            if (other != participant && !other.IsHidden)
            {
                moved.OtherParticipants.Add(other.Info.Clone());
            }
        }

        participant.Send(new SignalResponse { RoomMoved = moved });
        BroadcastParticipantUpdate(participant);
        await AutoSubscribeAsync(participant).ConfigureAwait(false);
        await OnTracksChangedAsync(participant).ConfigureAwait(false);
    }
}
