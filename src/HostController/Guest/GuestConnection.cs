using Grpc.Core;
using Grpc.Net.Client;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Guest;

/// <summary>One gRPC channel to the guest agent over a connector's stream, with the three service clients.
/// Replies are capped at <see cref="MaxReplyBytes"/>: a guest cannot make the host allocate more.</summary>
public sealed class GuestConnection : IDisposable
{
    public const int MaxReplyBytes = 1 << 20;
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private readonly GrpcChannel _channel;

    public GuestConnection(IGuestChannelConnector connector)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) => await connector.ConnectAsync(ct).ConfigureAwait(false),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            EnableMultipleHttp2Connections = false,
        };
        _channel = GrpcChannel.ForAddress("http://wbguest", new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = MaxReplyBytes,
            MaxSendMessageSize = 4 << 20,
            DisposeHttpClient = true,
        });
        Agent = new GuestAgent.GuestAgentClient(_channel);
        Wifi = new GuestWifi.GuestWifiClient(_channel);
        Uplink = new GuestUplink.GuestUplinkClient(_channel);
    }

    public GuestAgent.GuestAgentClient Agent { get; }
    public GuestWifi.GuestWifiClient Wifi { get; }
    public GuestUplink.GuestUplinkClient Uplink { get; }

    public static CallOptions Unary(CancellationToken ct, TimeSpan? timeout = null)
        => new(deadline: DateTime.UtcNow + (timeout ?? CallTimeout), cancellationToken: ct);

    public void Dispose() => _channel.Dispose();
}
