using System.Net.Sockets;
using Grpc.Net.Client;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>A gRPC client of wbhostd's local API over its UNIX socket (what the wbhost CLI does).</summary>
public static class HostApi
{
    public static WifiBridgeHost.WifiBridgeHostClient Client(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        var channel = GrpcChannel.ForAddress("http://wbhostd", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        return new WifiBridgeHost.WifiBridgeHostClient(channel);
    }
}
