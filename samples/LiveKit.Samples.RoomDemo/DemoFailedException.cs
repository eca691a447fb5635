using System;

namespace LiveKit.Samples.RoomDemo;

/// <summary>Something the demo waited for did not happen, or a step failed; the message is the one line the demo prints before exiting with 1.</summary>
internal sealed class DemoFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
