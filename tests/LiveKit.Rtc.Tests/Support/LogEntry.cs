using System;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Tests;

/// <summary>One message a <see cref="TestLogger"/> captured.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
