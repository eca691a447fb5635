namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>A track publication as livekit-client sees it, local or remote.</summary>
public sealed record ClientTrackPublication
{
    /// <summary>The server's track sid (<c>TR_...</c>).</summary>
    public string Sid { get; init; } = "";

    /// <summary>The track's name.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>audio</c> or <c>video</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary><c>microphone</c>, <c>camera</c>, <c>screen_share</c>, <c>screen_share_audio</c> or <c>unknown</c>.</summary>
    public string Source { get; init; } = "";

    /// <summary>Whether the publication is muted.</summary>
    public bool Muted { get; init; }

    /// <summary>For a remote publication, whether its track is subscribed and received; for a local one, whether it has a track.</summary>
    public bool Subscribed { get; init; }

    /// <summary>The codec's mime type (<c>audio/opus</c>, <c>video/VP8</c>), empty until known.</summary>
    public string MimeType { get; init; } = "";

    /// <summary>Whether the publication carries simulcast layers.</summary>
    public bool Simulcasted { get; init; }

    /// <summary>The video's width as published, or null.</summary>
    public int? Width { get; init; }

    /// <summary>The video's height as published, or null.</summary>
    public int? Height { get; init; }

    /// <summary>For a remote publication <c>desired</c>, <c>subscribed</c> or <c>unsubscribed</c>; null for a local one.</summary>
    public string? SubscriptionStatus { get; init; }

    /// <summary>Whether the publication has its track object (a local track, or a subscribed remote one).</summary>
    public bool HasTrack { get; init; }
}
