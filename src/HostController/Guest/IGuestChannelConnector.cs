namespace WifiBridge.HostController.Guest;

/// <summary>Opens one byte stream to the guest agent (boundary: the virtio-console port socket or the nmdm
/// serial device, under the link layer). gRPC (h2c) runs on the returned stream.</summary>
public interface IGuestChannelConnector
{
    /// <summary>"virtio-console" or "serial" (HostStatus.channel).</summary>
    string ChannelName { get; }

    ValueTask<Stream> ConnectAsync(CancellationToken ct);
}
