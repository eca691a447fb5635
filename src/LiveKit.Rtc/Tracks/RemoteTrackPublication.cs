namespace LiveKit.Rtc;

/// <summary>A track a remote participant publishes; this client may or may not be subscribed to it.</summary>
public sealed class RemoteTrackPublication : TrackPublication
{
    private readonly RemoteParticipant _participant;
    private readonly Room? _room;

    internal RemoteTrackPublication(string sid, string name, TrackKind kind, TrackSource source, RemoteParticipant participant, Room? room)
        : base(sid, name, kind, source)
    {
        _participant = participant;
        _room = room;
    }

    /// <summary>The track, while this client is subscribed to it; null otherwise.</summary>
    public new RemoteTrack? Track { get; internal set; }

    /// <summary>True while this client is subscribed to the track and its media flows.</summary>
    public bool IsSubscribed => Track is not null;

    /// <summary>False when the publisher's subscription permissions deny this client the track.</summary>
    public bool IsSubscriptionAllowed { get; internal set; } = true;

    private protected override Track? TrackCore => Track;

    /// <summary>
    /// Subscribes to the track or unsubscribes from it (UpdateSubscription). The outcome arrives as events:
    /// <c>track_subscribed</c> once the media flows, <c>track_unsubscribed</c> once it stopped, or
    /// <c>track_subscription_failed</c>. With <see cref="RoomOptions.AutoSubscribe"/> (the default) every track is
    /// subscribed already.
    /// </summary>
    /// <param name="subscribed">True to subscribe, false to unsubscribe.</param>
    /// <exception cref="System.InvalidOperationException">The room is not connected.</exception>
    public void SetSubscribed(bool subscribed)
    {
        if (_room is null)
        {
            throw new System.InvalidOperationException("This publication does not belong to a connected room.");
        }

        _room.RequestSubscription(this, _participant, subscribed);
    }
}
