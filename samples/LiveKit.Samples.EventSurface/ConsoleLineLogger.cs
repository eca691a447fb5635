using System;
using Microsoft.Extensions.Logging;

namespace LiveKit.Samples.EventSurface;

/// <summary>
/// Writes each log message as one console line, synchronously, so it appears in order with the sample's own output
/// (the Microsoft console logger writes from a background thread). A real app would use its usual logging setup.
/// </summary>
public sealed class ConsoleLineLogger : ILogger, ILoggerFactory
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var reason = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
        Console.WriteLine($"    log {logLevel}: {formatter(state, exception)}{reason}");
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
