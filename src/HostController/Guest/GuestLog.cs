using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Guest;

internal static partial class GuestLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Guest link ready: agent {Version}, API {Major}.{Minor}, boot {BootId}, instance {InstanceId}")]
    public static partial void Ready(ILogger logger, string version, uint major, uint minor, string bootId, string instanceId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Guest link lost or not established (attempt {Attempt}): {Reason}")]
    public static partial void LinkFailed(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Guest refused: {Detail}")]
    public static partial void Incompatible(ILogger logger, string detail);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Reconciled the guest: networks added {Added}, removed {Removed}, unchanged {Unchanged}; autoconnect {Autoconnect}")]
    public static partial void Reconciled(ILogger logger, uint added, uint removed, uint unchanged, bool autoconnect);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Desired state not applied (failure {Attempt}; the link stays up, retrying in {RetrySeconds} s): {Reason}")]
    public static partial void ReconcileFailed(ILogger logger, int attempt, string reason, double retrySeconds);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Guest agent restarted (instance {Old} -> {New}); re-applying the desired state")]
    public static partial void AgentRestarted(ILogger logger, string old, string @new);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Guest sent an invalid reply: {Reason}")]
    public static partial void BadReply(ILogger logger, string reason);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "Desired state applied to the guest again")]
    public static partial void ReconcileRecovered(ILogger logger);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "Unexpected fault in the guest link loop; retrying")]
    public static partial void LoopFault(ILogger logger, Exception exception);
}
