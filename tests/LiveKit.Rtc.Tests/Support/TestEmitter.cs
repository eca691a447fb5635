using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Tests;

/// <summary>The emitter of Schemas/test_events.proto: the generator adds its On/Once/Off and Emit methods.</summary>
public sealed partial class TestEmitter(ILogger logger)
{
    private partial ILogger EventLogger => logger;
}
