using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Logging;

/// <summary>Formats one log event as a single line and hands it to a sink (file or syslog).</summary>
internal sealed class LineLogger(string category, LogLevel minimum, Action<LogLevel, string> sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception).Replace('\n', ' ').Replace('\r', ' ');
        if (exception is not null) message += $" ({exception.GetType().Name}: {exception.Message.Replace('\n', ' ')})";
        var shortCategory = category[(category.LastIndexOf('.') + 1)..];
        sink(logLevel, $"{Level(logLevel)} [{eventId.Id}] {shortCategory}: {message}");
    }

    private static string Level(LogLevel l) => l switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "crit",
    };
}
