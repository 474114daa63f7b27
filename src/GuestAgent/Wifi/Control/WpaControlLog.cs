namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>Log messages of the control client (event ids 4100-4199). Never logs command arguments.</summary>
internal static partial class WpaControlLog
{
    [LoggerMessage(4100, LogLevel.Information, "Attached to wpa_supplicant at {Path} (after a restart: {Restarted})")]
    public static partial void Attached(ILogger logger, string path, bool restarted);

    [LoggerMessage(4101, LogLevel.Warning, "Lost the connection to wpa_supplicant at {Path}; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string path);

    [LoggerMessage(4102, LogLevel.Information, "Waiting for wpa_supplicant's control socket {Path}: {Reason}")]
    public static partial void WaitingForSocket(ILogger logger, string path, string reason);

    [LoggerMessage(4103, LogLevel.Warning, "wpa_supplicant did not answer a keep-alive PING: treating it as hung")]
    public static partial void KeepAliveUnanswered(ILogger logger);

    [LoggerMessage(4104, LogLevel.Warning, "wpa_supplicant did not answer {Verb} within {Seconds} s")]
    public static partial void RequestTimedOut(ILogger logger, string verb, double seconds);

    [LoggerMessage(4105, LogLevel.Warning, "Ignored a malformed monitor message ({Length} bytes)")]
    public static partial void GarbageEvent(ILogger logger, int length);

    [LoggerMessage(4106, LogLevel.Error, "An event handler failed on {EventName}")]
    public static partial void EventHandlerFailed(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(4107, LogLevel.Error, "The wpa_supplicant monitor loop failed; reconnecting")]
    public static partial void MonitorFailed(ILogger logger, Exception exception);
}
