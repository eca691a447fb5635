using System;

namespace LiveKit.Rtc;

/// <summary>A track whose media this client produces and publishes (<see cref="LocalAudioTrack"/>, <see cref="LocalVideoTrack"/>).</summary>
public abstract class LocalTrack : Track
{
    private protected LocalTrack(string name, TrackKind kind)
        : base(string.Empty, name, kind)
    {
    }

    /// <summary>
    /// The client's id of the track (<c>cid</c>), sent in AddTrackRequest and as the msid track id of its m-line, by
    /// which the server matches the two (brief §3.4).
    /// </summary>
    internal string Cid { get; } = Guid.NewGuid().ToString();

    /// <summary>The room that publishes the track; null while it is not published.</summary>
    internal Room? Room { get; set; }

    /// <summary>
    /// Mutes the track: its media stops going out and the room tells the server, which tells the other participants
    /// (<c>track_muted</c>). A track muted before it is published is published muted.
    /// </summary>
    public void Mute() => SetMuted(true);

    /// <summary>Unmutes the track: its media goes out again (<c>track_unmuted</c>).</summary>
    public void Unmute() => SetMuted(false);

    private void SetMuted(bool muted)
    {
        if (Room is { } room)
        {
            room.SetLocalTrackMuted(this, muted);
        }
        else
        {
            IsMuted = muted;
        }
    }
}
