using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WifiBridge.Link.Tests.Logging;

/// <summary>Keeps every log line (elapsed time, level, category, message) in memory, so tests can fail on unexpected errors.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _entries = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Lines logged at Error or above.</summary>
    public IReadOnlyList<string> Errors => _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Line).ToList();

    /// <summary>Every line logged so far.</summary>
    public IReadOnlyList<string> Lines => _entries.Select(e => e.Line).ToList();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    internal void Add(LogLevel level, string category, string message, Exception? exception) =>
        _entries.Enqueue((level, $"{_clock.Elapsed.TotalMilliseconds,9:0.0} ms {level} {category}: {message}"
            + (exception is null ? "" : $" [{exception}]")));

    public void Dispose() { }
}
