using System.Net.Sockets;
using Grpc.Net.Client;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Daemon;

/// <summary>
/// The gRPC client of wbhostd over its UNIX socket (h2c with prior knowledge; the host part
/// of the address is ignored). Reads take the fast path (<see cref="FastUnaryCallInvoker"/>);
/// the Grpc.Net.Client channel is only built for streams and changes. Connect failures surface as <see cref="DaemonUnreachableException"/>
/// inside the RpcException so the CLI can tell "daemon not running" from "daemon says no".
/// </summary>
internal sealed class DaemonChannel : IDisposable
{
    private GrpcChannel? _channel;

    public DaemonChannel(string socketPath)
    {
        SocketPath = socketPath;
        Client = new WifiBridgeHost.WifiBridgeHostClient(new FastUnaryCallInvoker(socketPath, () => CreateChannel(socketPath).CreateCallInvoker()));
    }

    private GrpcChannel CreateChannel(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectAsync(socketPath, cancellationToken),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        _channel = GrpcChannel.ForAddress("http://wbhostd", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 8 * 1024 * 1024,
        });
        return _channel;
    }

    public string SocketPath { get; }

    public WifiBridgeHost.WifiBridgeHostClient Client { get; }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new DaemonUnreachableException(socketPath, e.SocketErrorCode, e);
        }
    }

    public void Dispose() => _channel?.Dispose();
}
