namespace LiveKit.Rtc;

/// <summary>A track published by a remote participant that this client is subscribed to.</summary>
public abstract class RemoteTrack : Track
{
    private protected RemoteTrack(string sid, string name, TrackKind kind)
        : base(sid, name, kind)
    {
    }
}
