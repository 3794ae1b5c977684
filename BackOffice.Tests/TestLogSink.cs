using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackOffice.Tests;

/// <summary>Keeps every formatted log line of the test app, to assert on what is (and is not) logged.</summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (sink._lines.Count < 20_000)
                sink._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)}");
        }
    }
}
