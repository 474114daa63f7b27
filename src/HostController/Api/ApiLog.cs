using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Api;

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Connect to {Ssid} finished: {Outcome}")]
    public static partial void ConnectFinished(ILogger logger, string ssid, string outcome);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Local API listening on {Socket} (mode 0660, group {Group}); changes need root or group {AdminGroup}")]
    public static partial void Listening(ILogger logger, string socket, string group, string adminGroup);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Refused {Operation} for uid {Uid} (pid {Pid}): not root and not in group {AdminGroup}")]
    public static partial void MutationRefused(ILogger logger, string operation, uint uid, int pid, string adminGroup);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Saved networks changed ({Operation} {Ssid}); re-applying to the guest")]
    public static partial void NetworksChanged(ILogger logger, string operation, string ssid);
}
