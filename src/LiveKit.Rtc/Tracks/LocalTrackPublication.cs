namespace LiveKit.Rtc;

/// <summary>A track this client publishes, as the server confirmed it.</summary>
public sealed class LocalTrackPublication : TrackPublication
{
    internal LocalTrackPublication(string sid, string name, TrackKind kind, TrackSource source, LocalTrack? track)
        : base(sid, name, kind, source)
    {
        Track = track;
    }

    /// <summary>The published track.</summary>
    public new LocalTrack? Track { get; internal set; }

    private protected override Track? TrackCore => Track;
}
