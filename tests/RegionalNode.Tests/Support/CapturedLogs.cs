using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Regional.Node.Tests.Support;

/// <summary>A logger provider that keeps every formatted message (level, category, text), so tests can
/// assert what a node told its operator.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(exception is null
                ? $"{logLevel} {category}: {formatter(state, exception)}"
                : $"{logLevel} {category}: {formatter(state, exception)}\n{exception}");
    }
}
