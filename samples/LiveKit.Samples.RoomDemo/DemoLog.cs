using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// The SDK's log for one participant's room, one line per message on standard error, synchronously. By default only
/// warnings and errors: a room logs a handler that threw there (event semantics, rule 6), which would otherwise go
/// unseen and show up only as a wait that times out. With <c>--verbose</c>, debug messages too. A real application
/// would use its usual logging setup instead.
/// </summary>
internal sealed class DemoLog(string receiver, LogLevel minimumLevel, TextWriter output) : ILogger, ILoggerFactory
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string cause = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
        output.WriteLine($"[{receiver}] log {logLevel}: {formatter(state, exception)}{cause}");
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The demo's log has no providers.");

    public void Dispose()
    {
    }
}
