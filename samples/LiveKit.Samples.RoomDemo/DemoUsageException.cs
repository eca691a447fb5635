using System;

namespace LiveKit.Samples.RoomDemo;

/// <summary>The command line is not one of the forms the usage shows; the demo prints the reason and the usage, and exits with 2.</summary>
internal sealed class DemoUsageException(string message) : Exception(message);
