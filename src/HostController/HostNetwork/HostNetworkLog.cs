using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.HostNetwork;

internal static partial class HostNetworkLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Ignored invalid value from the guest: {What}")]
    public static partial void RejectedFromGuest(ILogger logger, string what);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Host network on {Tap}: address {Address}, gateway {Gateway}, DNS {Dns}")]
    public static partial void Applied(ILogger logger, string tap, string address, string gateway, string dns);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Started DHCP on {Tap}")]
    public static partial void DhcpStarted(ILogger logger, string tap);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Host network setup on {Tap} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string tap, string reason);
}
