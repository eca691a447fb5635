using Xunit;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// The xunit collection of the tests that use Chromium: one browser (launching takes seconds) shared by every class
/// in it, and those classes run one after another, so real-time WebRTC timers never compete with a second browser
/// for the machine's two cores. Mark a class <c>[Collection(ChromiumCollection.Name)]</c> and take a
/// <see cref="ChromiumBrowser"/> in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumBrowser>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Chromium";
}
