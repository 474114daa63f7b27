using WifiBridge.Link.Host;

namespace WifiBridge.HostController.Guest;

/// <summary>Reaches the agent through the link layer (src/Link): bhyve's/QEMU's virtio-console port socket,
/// or the host side of the nmdm pair. Each gRPC connection gets a fresh link session.</summary>
public sealed class LinkGuestConnector(LinkConnector connector, string channelName) : IGuestChannelConnector, IAsyncDisposable
{
    public string ChannelName => channelName;

    public ValueTask<Stream> ConnectAsync(CancellationToken ct) => connector.ConnectAsync(ct);

    public ValueTask DisposeAsync() => connector.DisposeAsync();
}
