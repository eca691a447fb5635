using System.Collections.Generic;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>How a page publishes its fake microphone (TrackPublishOptions); null members keep livekit-client's defaults.</summary>
public sealed record ClientMicrophoneOptions
{
    /// <summary>TrackPublishOptions.dtx (the client's default: on).</summary>
    public bool? Dtx { get; init; }

    /// <summary>TrackPublishOptions.red, redundant audio (the client's default: on).</summary>
    public bool? Red { get; init; }

    /// <summary>The TrackPublishOptions object lk-page.js's publishMicrophone() takes.</summary>
    internal Dictionary<string, object> ToPageOptions()
    {
        var options = new Dictionary<string, object>();
        if (Dtx is bool dtx)
        {
            options["dtx"] = dtx;
        }

        if (Red is bool red)
        {
            options["red"] = red;
        }

        return options;
    }
}
