using System;

namespace LiveKit.Rtc;

/// <summary>
/// A track as published in the room: what the server knows of it (kind, source, codec, size, mute state), and the
/// <see cref="Track"/> itself when this client has it.
/// </summary>
/// <remarks>The room updates a publication on its room loop, right before it emits the event that reports the change.</remarks>
public abstract class TrackPublication
{
    private protected TrackPublication(string sid, string name, TrackKind kind, TrackSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(sid);
        ArgumentNullException.ThrowIfNull(name);
        Sid = sid;
        Name = name;
        Kind = kind;
        Source = source;
    }

    /// <summary>The published track's server-assigned id (<c>TR_...</c>).</summary>
    public string Sid { get; }

    /// <summary>The track's name, as its publisher set it.</summary>
    public string Name { get; }

    /// <summary>Whether the track carries audio or video.</summary>
    public TrackKind Kind { get; }

    /// <summary>Where the track's media comes from (camera, microphone, screen share...).</summary>
    public TrackSource Source { get; }

    /// <summary>The MIME type of the track's codec, e.g. <c>audio/opus</c> or <c>video/VP8</c>; empty until known.</summary>
    public string MimeType { get; internal set; } = string.Empty;

    /// <summary>True while the publisher has the track muted.</summary>
    public bool IsMuted { get; internal set; }

    /// <summary>True when the track is published in several qualities (simulcast layers).</summary>
    public bool IsSimulcasted { get; internal set; }

    /// <summary>The video's width in pixels, as published; 0 for audio.</summary>
    public int Width { get; internal set; }

    /// <summary>The video's height in pixels, as published; 0 for audio.</summary>
    public int Height { get; internal set; }

    /// <summary>How the track's frames are end-to-end encrypted.</summary>
    public EncryptionType EncryptionType { get; internal set; }

    /// <summary>True when the track's frames are end-to-end encrypted.</summary>
    public bool IsEncrypted => EncryptionType != EncryptionType.None;

    /// <summary>The track, when this client has it: always for a local publication, once subscribed for a remote one.</summary>
    public Track? Track => TrackCore;

    /// <summary>The derived class's typed track, as the base-typed view.</summary>
    private protected abstract Track? TrackCore { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Name}, {Sid})";
}
