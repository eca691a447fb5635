using System;

namespace LiveKit.Rtc;

/// <summary>
/// A media track: audio or video that this client publishes (<see cref="LocalTrack"/>) or receives
/// (<see cref="RemoteTrack"/>).
/// </summary>
/// <remarks>The room updates a track's state on its room loop, right before it emits the event that reports the change.</remarks>
public abstract class Track
{
    private protected Track(string sid, string name, TrackKind kind)
    {
        ArgumentNullException.ThrowIfNull(sid);
        ArgumentNullException.ThrowIfNull(name);
        Sid = sid;
        Name = name;
        Kind = kind;
    }

    /// <summary>The track's server-assigned id (<c>TR_...</c>); empty for a local track that is not published yet.</summary>
    public string Sid { get; internal set; }

    /// <summary>The track's name, as its publisher set it.</summary>
    public string Name { get; }

    /// <summary>Whether the track carries audio or video.</summary>
    public TrackKind Kind { get; }

    /// <summary>Whether the server currently forwards the track's media.</summary>
    public StreamState StreamState { get; internal set; }

    /// <summary>True while the track's publisher has it muted.</summary>
    public bool IsMuted { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Name}, {Sid})";
}
