namespace LiveKit.Rtc;

/// <summary>A track whose media this client produces and publishes. Its audio and video kinds come with the media sources.</summary>
public abstract class LocalTrack : Track
{
    private protected LocalTrack(string sid, string name, TrackKind kind)
        : base(sid, name, kind)
    {
    }
}
