using System.Net.Sockets;

namespace WifiBridge.HostController.Guest;

/// <summary>Connects to a UNIX stream socket and hands the raw stream to gRPC. Used where the peer speaks
/// h2c directly (the tests' fake guest, `guest_transport = raw`); the real VM channel needs the link layer.</summary>
public sealed class UnixSocketGuestConnector(string path, string channelName = "virtio-console") : IGuestChannelConnector
{
    public string ChannelName => channelName;

    public async ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
