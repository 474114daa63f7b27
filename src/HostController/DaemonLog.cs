using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController;

internal static partial class DaemonLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "wbhostd {Version} starting (config {Config}, driver {Driver}, channel {Channel})")]
    public static partial void Starting(ILogger logger, string version, string config, string driver, string channel);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "wbhostd stopping; the VM keeps running")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Removed stale API socket {Path}")]
    public static partial void RemovedStaleSocket(ILogger logger, string path);
}
