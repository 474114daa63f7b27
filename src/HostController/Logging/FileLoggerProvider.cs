using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Logging;

/// <summary>Appends log lines to a file (log = file:/path), flushed per line so nothing is lost on a crash.</summary>
public sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly LogLevel _minimum;
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    public FileLoggerProvider(string path, LogLevel minimum)
    {
        _minimum = minimum;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fs = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
        });
        _writer = new StreamWriter(fs) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, _minimum, Write);

    private void Write(LogLevel level, string line)
    {
        lock (_lock) _writer.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
    }

    public void Dispose()
    {
        lock (_lock) _writer.Dispose();
    }
}
