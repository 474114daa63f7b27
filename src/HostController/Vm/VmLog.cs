using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Vm;

internal static partial class VmLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Starting the {Driver} VM {VmName}")]
    public static partial void Starting(ILogger logger, string driver, string vmName);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "VM running, pid {Pid}")]
    public static partial void Running(ILogger logger, int pid);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Re-attached to the running VM, pid {Pid}")]
    public static partial void Reattached(ILogger logger, int pid);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Pidfile names pid {Pid}, which is not our VM ({CommandLine}); ignoring it")]
    public static partial void StalePid(ILogger logger, int pid, string commandLine);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "VM exited: {Exit}")]
    public static partial void Exited(ILogger logger, string exit);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "VM crashed ({Exit}); restart {Attempt} in {DelayMs} ms")]
    public static partial void RestartScheduled(ILogger logger, string exit, int attempt, long delayMs);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "VM crashed {Count} times in a row; giving up: {Exit}")]
    public static partial void GaveUp(ILogger logger, int count, string exit);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Stopping the VM (pid {Pid}) with SIGTERM")]
    public static partial void Stopping(ILogger logger, int pid);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "VM did not stop within {Seconds} s; forcing it off")]
    public static partial void Forcing(ILogger logger, int seconds);

    [LoggerMessage(EventId = 109, Level = LogLevel.Error, Message = "VM start failed: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Attaching the Wi-Fi card {Address} ({Driver}) to ppt")]
    public static partial void AttachingPpt(ILogger logger, string address, string driver);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Could not give the Wi-Fi card {Address} back to its driver: {Reason}")]
    public static partial void DetachFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Removed stale port socket {Path}")]
    public static partial void RemovedStaleSocket(ILogger logger, string path);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Cleanup after the VM failed: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string reason);
}
