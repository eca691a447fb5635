namespace LiveKit.Rtc;

/// <summary>A track a remote participant publishes; this client may or may not be subscribed to it.</summary>
public sealed class RemoteTrackPublication : TrackPublication
{
    internal RemoteTrackPublication(string sid, string name, TrackKind kind, TrackSource source)
        : base(sid, name, kind, source)
    {
    }

    /// <summary>The track, while this client is subscribed to it; null otherwise.</summary>
    public new RemoteTrack? Track { get; internal set; }

    /// <summary>True while this client is subscribed to the track and its media flows.</summary>
    public bool IsSubscribed => Track is not null;

    private protected override Track? TrackCore => Track;
}
