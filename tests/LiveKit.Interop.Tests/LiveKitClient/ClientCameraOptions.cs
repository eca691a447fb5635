using System.Collections.Generic;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>How a page captures and publishes its fake camera.</summary>
public sealed record ClientCameraOptions
{
    /// <summary>TrackPublishOptions.simulcast; null keeps livekit-client's default (on).</summary>
    public bool? Simulcast { get; init; }

    /// <summary>TrackPublishOptions.videoCodec (<c>vp8</c>, <c>h264</c>...); null keeps the client's default, vp8.</summary>
    public string? VideoCodec { get; init; }

    /// <summary>Capture width; 640 by default (the client's own default, 1280x720, costs more than two cores spare).</summary>
    public int Width { get; init; } = 640;

    /// <summary>Capture height; 360 by default.</summary>
    public int Height { get; init; } = 360;

    /// <summary>Capture frame rate; 15 by default.</summary>
    public int FrameRate { get; init; } = 15;

    /// <summary>The object lk-page.js's publishCamera() takes: the resolution plus TrackPublishOptions.</summary>
    internal Dictionary<string, object> ToPageOptions()
    {
        var options = new Dictionary<string, object>
        {
            ["resolution"] = new Dictionary<string, object> { ["width"] = Width, ["height"] = Height, ["frameRate"] = FrameRate },
        };
        if (Simulcast is bool simulcast)
        {
            options["simulcast"] = simulcast;
        }

        if (VideoCodec is not null)
        {
            options["videoCodec"] = VideoCodec;
        }

        return options;
    }
}
