using Microsoft.Extensions.Logging;

namespace WifiBridge.Link.Tests.Logging;

/// <summary>One category's logger of a <see cref="RecordingLoggerProvider"/>.</summary>
internal sealed class RecordingLogger(RecordingLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        provider.Add(logLevel, category, formatter(state, exception), exception);
}
