using Grpc.Net.Client;
using WifiBridge.Link.Host;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>What wbhostd does: a GrpcChannel whose connections are link sessions.</summary>
public static class LinkGrpcClient
{
    public static GrpcChannel Create(LinkConnector connector) =>
        GrpcChannel.ForAddress("http://wifibridge-guest", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = connector.ConnectCallback },
            MaxReceiveMessageSize = 4 * 1024 * 1024,
        });
}
