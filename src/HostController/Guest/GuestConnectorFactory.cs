using WifiBridge.HostController.Configuration;

namespace WifiBridge.HostController.Guest;

/// <summary>Chooses how wbhostd reaches the agent from the options (channel and transport).</summary>
public static class GuestConnectorFactory
{
    public static IGuestChannelConnector Create(DaemonOptions options)
    {
        if (options.GuestTransport == "raw")
        {
            if (options.Channel == ChannelKind.Serial)
                throw new ConfigException($"{options.ConfigPath}: guest_transport = raw works only with channel = virtio");
            return new UnixSocketGuestConnector(options.AgentSocketPath);
        }
        throw new ConfigException(
            $"{options.ConfigPath}: guest_transport = link needs the link layer (src/Link), which this wbhostd build does not include yet; "
            + "use guest_transport = raw only with a guest that serves h2c directly on the port");
    }
}
