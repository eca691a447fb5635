using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Tests;

/// <summary>
/// A logger and logger factory that keep every message in memory, whatever the category, so tests can assert what
/// was logged. Thread-safe: handlers and loop items log from any thread.
/// </summary>
public sealed class TestLogger : ILogger, ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly string _category;
    private readonly TestLogger? _root;

    public TestLogger()
        : this("test", root: null)
    {
    }

    private TestLogger(string category, TestLogger? root)
    {
        _category = category;
        _root = root;
    }

    /// <summary>Every message logged through this logger or a logger it created, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => (_root ?? this)._entries.ToArray();

    public IReadOnlyList<LogEntry> Errors => Entries.Where(e => e.Level >= LogLevel.Error).ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        (_root ?? this)._entries.Enqueue(new LogEntry(_category, logLevel, eventId, formatter(state, exception), exception));

    public ILogger CreateLogger(string categoryName) => new TestLogger(categoryName, _root ?? this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
