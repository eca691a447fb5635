using System.Collections.Generic;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>DataPublishOptions for <see cref="LiveKitClientPage.PublishDataAsync"/>.</summary>
public sealed record ClientDataOptions
{
    /// <summary>Reliable (ordered, retransmitted) or lossy. True by default here; livekit-client's own default is lossy.</summary>
    public bool Reliable { get; init; } = true;

    /// <summary>The topic, or null for none.</summary>
    public string? Topic { get; init; }

    /// <summary>The identities to deliver to; null or empty for everyone.</summary>
    public IReadOnlyList<string>? DestinationIdentities { get; init; }

    /// <summary>The object lk-page.js's publishData() takes.</summary>
    internal Dictionary<string, object> ToPageOptions()
    {
        var options = new Dictionary<string, object> { ["reliable"] = Reliable };
        if (Topic is not null)
        {
            options["topic"] = Topic;
        }

        if (DestinationIdentities is { Count: > 0 } identities)
        {
            options["destinationIdentities"] = identities;
        }

        return options;
    }
}
