using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;
using LiveKit.Testing.Media;
using LiveKit.WebRtc;

namespace LiveKit.Testing.Rooms;

// Who receives which track: auto-subscribe on join and on publish, UpdateSubscription by hand (with
// subscription_response on failure), UpdateTrackSettings, and the clean-up when a track goes away.
internal sealed partial class ServerRoom
{
    /// <summary>Subscribes a newcomer to every published track, when it auto-subscribes (brief §3.5).</summary>
    private async Task AutoSubscribeAsync(ServerParticipant subscriber)
    {
        if (!subscriber.Join.AutoSubscribe || !subscriber.CanSubscribe)
        {
            return;
        }

        bool added = false;
        foreach (ServerParticipant publisher in _participants.Values)
        {
            if (publisher == subscriber)
            {
                continue;
            }

            foreach (PublishedTrack track in publisher.PublishedTracks.Values)
            {
                added |= Subscribe(subscriber, track);
            }
        }

        if (added)
        {
            await subscriber.NegotiateSubscriberAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A publisher's set of tracks changed: everyone auto-subscribing gets the new ones.</summary>
    public async Task OnTracksChangedAsync(ServerParticipant publisher)
    {
        foreach (ServerParticipant subscriber in _participants.Values.ToArray())
        {
            if (subscriber == publisher || !subscriber.Join.AutoSubscribe || !subscriber.CanSubscribe)
            {
                continue;
            }

            bool added = false;
            foreach (PublishedTrack track in publisher.PublishedTracks.Values)
            {
                if (!subscriber.Unsubscribed.Contains(track.Sid))
                {
                    added |= Subscribe(subscriber, track);
                }
            }

            if (added)
            {
                await subscriber.NegotiateSubscriberAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A track went away: every subscriber loses its m-line (renegotiated) and the participant info says so.</summary>
    public async Task OnTrackUnpublishedAsync(PublishedTrack track)
    {
        foreach (ServerParticipant subscriber in _participants.Values.ToArray())
        {
            if (Unsubscribe(subscriber, track.Sid))
            {
                await subscriber.NegotiateSubscriberAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The subscriber answered an offer carrying <paramref name="subscription"/>: it now receives the track.</summary>
    public void OnSubscriptionNegotiated(Subscription subscription)
    {
        PublishedTrack track = subscription.Track;
        if (!track.AnnouncedSubscribed)
        {
            // track_subscribed tells a publisher its track got its first subscriber (brief §2.2 #23).
            track.AnnouncedSubscribed = true;
            track.Publisher.Send(new SignalResponse { TrackSubscribed = new TrackSubscribed { TrackSid = track.Sid } });
        }

        if (track.Kind == MediaKind.Video)
        {
            track.RequestKeyFrame();
        }
    }

    /// <summary>UpdateSubscription (brief §3.5): subscribe or unsubscribe by hand; unknown tracks get SE_TRACK_NOTFOUND.</summary>
    public async Task UpdateSubscriptionAsync(ServerParticipant subscriber, UpdateSubscription request)
    {
        var sids = new List<string>(request.TrackSids);
        foreach (ParticipantTracks tracks in request.ParticipantTracks)
        {
            sids.AddRange(tracks.TrackSids);
        }

        bool changed = false;
        foreach (string sid in sids.Distinct())
        {
            PublishedTrack? track = FindTrack(sid);
            if (request.Subscribe)
            {
                subscriber.Unsubscribed.Remove(sid);
                if (track is null || track.Publisher == subscriber)
                {
                    subscriber.Send(new SignalResponse
                    {
                        SubscriptionResponse = new SubscriptionResponse { TrackSid = sid, Err = SubscriptionError.SeTrackNotfound },
                    });
                    continue;
                }

                if (!subscriber.CanSubscribe)
                {
                    subscriber.Send(new SignalResponse
                    {
                        SubscriptionResponse = new SubscriptionResponse { TrackSid = sid, Err = SubscriptionError.SeUnknown },
                    });
                    continue;
                }

                changed |= Subscribe(subscriber, track);
            }
            else
            {
                subscriber.Unsubscribed.Add(sid);
                changed |= Unsubscribe(subscriber, sid);
            }
        }

        if (changed)
        {
            await subscriber.NegotiateSubscriberAsync().ConfigureAwait(false);
        }
    }

    /// <summary>UpdateTrackSettings: <c>disabled</c> pauses forwarding of those tracks to this subscriber.</summary>
    public void UpdateTrackSettings(ServerParticipant subscriber, UpdateTrackSettings request)
    {
        foreach (string sid in request.TrackSids)
        {
            if (subscriber.Subscriptions.TryGetValue(sid, out Subscription? subscription))
            {
                bool wasDisabled = subscription.Disabled;
                subscription.Disabled = request.Disabled;
                if (wasDisabled && !request.Disabled && subscription.Track.Kind == MediaKind.Video)
                {
                    subscription.Track.RequestKeyFrame();
                }
            }
        }
    }

    public PublishedTrack? FindTrack(string sid)
    {
        foreach (ServerParticipant participant in _participants.Values)
        {
            if (participant.PublishedTracks.TryGetValue(sid, out PublishedTrack? track))
            {
                return track;
            }
        }

        return null;
    }

    private static bool Subscribe(ServerParticipant subscriber, PublishedTrack track)
    {
        if (subscriber.Subscriptions.ContainsKey(track.Sid))
        {
            return false;
        }

        Subscription subscription = subscriber.AddSubscription(track);
        track.Attach(subscription);
        return true;
    }

    private static bool Unsubscribe(ServerParticipant subscriber, string trackSid)
    {
        Subscription? subscription = subscriber.RemoveSubscription(trackSid);
        if (subscription is null)
        {
            return false;
        }

        subscription.Track.Detach(subscription);
        subscription.Detach();
        return true;
    }
}
