using Xunit;

namespace LiveKit.WebRtc.Tests;

/// <summary>
/// Tests whose protocol timers run on the real clock (ICE checks and consent, DTLS retransmission) with short test
/// timeouts. They run alone, not beside the CPU-bound mutation tests, so that a starved timer cannot fail a check
/// that would pass on any real network.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "Real-time protocol timers";
}
