using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Configuration;

using WifiBridge.Link.Host;

namespace WifiBridge.HostController.Guest;

/// <summary>Chooses how wbhostd reaches the agent from the options: the virtio-console port socket, or the
/// host side of the nmdm pair (serial), both under the link layer.</summary>
public static class GuestConnectorFactory
{
    public static LinkGuestConnector Create(DaemonOptions options, ILoggerFactory loggers)
    {
        var (target, name, profile) = options.Channel == ChannelKind.Serial
            ? (LinkTarget.SerialDevice(options.NmdmHostSide), "serial", WifiBridge.Link.LinkOptions.Serial)
            : (LinkTarget.UnixSocket(options.AgentSocketPath), "virtio-console", WifiBridge.Link.LinkOptions.Default);
        return new LinkGuestConnector(new LinkConnector(target, profile, loggers), name);
    }
}
