using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
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
    // Typed as IDisposable so that disposing a CLI that only used the fast path never loads
    // Grpc.Net.Client and System.Net.Http (bench/CliBench: ~10 ms of a one-shot `wbhost status`).
    private IDisposable? _channel;

    private const string ServiceName = "wifibridge.v1.WifiBridgeHost";

    private WifiBridgeHost.WifiBridgeHostClient? _client;
    private CallInvoker? _grpcInvoker;

    public DaemonChannel(string socketPath) => SocketPath = socketPath;

    /// <summary>
    /// An idempotent read straight over <see cref="H2cUnaryExchange"/>, without the generated client:
    /// its static set-up (a Method and two marshallers per RPC) and the Grpc.Core interceptor chain are
    /// a large share of a one-shot CLI's JIT work (bench/CliBench). Null when the fast path cannot
    /// handle the call; the caller then uses <see cref="ReadViaClientAsync"/>.
    /// </summary>
    public TResponse? TryFastRead<TResponse>(string method, IMessage request, MessageParser<TResponse> parser, DateTime? deadline, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        try
        {
            // An empty request (most reads) encodes to no bytes: no CodedOutputStream needed. The reply is
            // parsed from a span, which skips CodedInputStream's set-up (fewer methods to JIT).
            var bytes = request.CalculateSize() == 0 ? [] : request.ToByteArray();
            return parser.ParseFrom(new ReadOnlySpan<byte>(H2cUnaryExchange.Call(SocketPath, "/" + ServiceName + "/" + method, bytes, deadline, cancellationToken)));
        }
        catch (FastPathUnsupportedException)
        {
            return null;
        }
    }

    /// <summary>The same read through Grpc.Net.Client (the method of <see cref="WifiBridgeHost"/> named <paramref name="method"/>).</summary>
    public Task<TResponse> ReadViaClientAsync<TResponse>(string method, IMessage request, MessageParser<TResponse> parser, DateTime? deadline, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        var rpc = new Method<IMessage, TResponse>(MethodType.Unary, ServiceName, method,
            Marshallers.Create<IMessage>(message => message.ToByteArray(), _ => throw new NotSupportedException("requests are only sent")),
            Marshallers.Create<TResponse>(_ => throw new NotSupportedException("responses are only received"), parser.ParseFrom));
        return GrpcInvoker.AsyncUnaryCall(rpc, null, new CallOptions(deadline: deadline, cancellationToken: cancellationToken), request).ResponseAsync;
    }

    private CallInvoker GrpcInvoker => _grpcInvoker ??= CreateChannel(SocketPath).CreateCallInvoker();

    private GrpcChannel CreateChannel(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectAsync(socketPath, cancellationToken),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        var channel = GrpcChannel.ForAddress("http://wbhostd", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 8 * 1024 * 1024,
        });
        _channel = channel;
        return channel;
    }

    public string SocketPath { get; }

    public WifiBridgeHost.WifiBridgeHostClient Client
        => _client ??= new WifiBridgeHost.WifiBridgeHostClient(new FastUnaryCallInvoker(SocketPath, () => GrpcInvoker));

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
