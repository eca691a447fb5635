using Xunit;

namespace LiveKit.Interop.Tests.DataChannels;

/// <summary>
/// The data channel tests that use pion: one after another, so that bulk runs (each CPU-bound on the machine's two
/// cores) do not slow each other into their timeouts. They still run beside the Chromium collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PionDataChannelCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "pion data channels";
}
