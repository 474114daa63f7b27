using Grpc.Core;
using Grpc.Net.Client;
using WifiBridge.Cli.Daemon;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>The CLI's direct h2c path for reads gives the same answers and errors as Grpc.Net.Client.</summary>
public sealed class FastPathTests(FakeDaemon daemon) : IClassFixture<FakeDaemon>
{
    [Fact]
    public async Task FastPathAndGrpcNetClientReturnTheSameMessages()
    {
        daemon.Reset();
        var fast = new WifiBridgeHost.WifiBridgeHostClient(new FastUnaryCallInvoker(daemon.SocketPath,
            () => throw new InvalidOperationException("the fast path fell back to Grpc.Net.Client")));
        using var channel = new DaemonChannelForTests(daemon.SocketPath);
        var reference = channel.Client;
        Assert.Equal(await reference.GetStatusAsync(new HostStatusRequest()).ResponseAsync.WithTimeout(), await fast.GetStatusAsync(new HostStatusRequest()).ResponseAsync.WithTimeout());
        Assert.Equal(await reference.ScanAsync(new ScanRequest { Rescan = true }).ResponseAsync.WithTimeout(), await fast.ScanAsync(new ScanRequest { Rescan = true }).ResponseAsync.WithTimeout());
        Assert.Equal(await reference.ListNetworksAsync(new ListNetworksRequest()).ResponseAsync.WithTimeout(), await fast.ListNetworksAsync(new ListNetworksRequest()).ResponseAsync.WithTimeout());
        Assert.Equal(await reference.VmLogsAsync(new VmLogsRequest { Lines = 2 }).ResponseAsync.WithTimeout(), await fast.VmLogsAsync(new VmLogsRequest { Lines = 2 }).ResponseAsync.WithTimeout());
        Assert.Equal(await reference.DoctorAsync(new DoctorRequest()).ResponseAsync.WithTimeout(), await fast.DoctorAsync(new DoctorRequest()).ResponseAsync.WithTimeout());
        Assert.True(daemon.State.ScanRequests.All(r => r.Rescan));
    }

    [Fact]
    public async Task CliReadsGiveTheSameMessagesOverBothPaths()
    {
        daemon.Reset();
        using var channel = new DaemonChannel(daemon.SocketPath);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var fast = channel.TryFastRead("GetStatus", new HostStatusRequest(), HostStatus.Parser, deadline, CancellationToken.None);
        Assert.NotNull(fast);
        Assert.Equal(await channel.ReadViaClientAsync("GetStatus", new HostStatusRequest(), HostStatus.Parser, deadline, CancellationToken.None).WithTimeout(), fast);
        var rescan = new ScanRequest { Rescan = true }; // a non-empty request, encoded
        Assert.Equal(await channel.ReadViaClientAsync("Scan", rescan, ScanResponse.Parser, deadline, CancellationToken.None).WithTimeout(),
            channel.TryFastRead("Scan", rescan, ScanResponse.Parser, deadline, CancellationToken.None));
        Assert.True(daemon.State.ScanRequests.All(r => r.Rescan));
    }

    [Fact]
    public async Task FastPathCarriesTheStatusCodeAndTheUtf8Message()
    {
        daemon.Reset().Failure = new Status(StatusCode.NotFound, "no network «Café» 100% here");
        var fast = new WifiBridgeHost.WifiBridgeHostClient(new FastUnaryCallInvoker(daemon.SocketPath,
            () => throw new InvalidOperationException("the fast path fell back to Grpc.Net.Client")));
        var error = await Assert.ThrowsAsync<RpcException>(() => fast.GetStatusAsync(new HostStatusRequest()).ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no network «Café» 100% here", error.Status.Detail);
    }

    [Fact]
    public async Task LargeResponsesNeedFlowControlWindowUpdates()
    {
        var state = daemon.Reset();
        state.Logs = new VmLogsResponse();
        for (var i = 0; i < 5000; i++)
            state.Logs.Lines.Add($"[{i,8}] a console line long enough to push the reply well past one 64 KiB HTTP/2 window");
        var fast = new WifiBridgeHost.WifiBridgeHostClient(new FastUnaryCallInvoker(daemon.SocketPath,
            () => throw new InvalidOperationException("the fast path fell back to Grpc.Net.Client")));
        var logs = await fast.VmLogsAsync(new VmLogsRequest { Lines = 5000 }).ResponseAsync.WithTimeout();
        Assert.Equal(5000, logs.Lines.Count);
        Assert.Equal(state.Logs.Lines[4999], logs.Lines[4999]);
    }

    [Fact]
    public void HpackDecoderHandlesIndexingAndTheDynamicTable()
    {
        var decoder = new HpackDecoder(4096);
        // :status 200 (static 8); literal with incremental indexing, new name "grpc-status" = "0";
        // then the same field by its dynamic index 62; a size update to 0 empties the table.
        byte[] block = [0x88, 0x40, 11, .. "grpc-status"u8, 1, (byte)'0', 0xBE, 0x20];
        var fields = decoder.Decode(block);
        Assert.Equal([(":status", "200"), ("grpc-status", "0"), ("grpc-status", "0")], fields);
        Assert.Throws<FastPathUnsupportedException>(() => decoder.Decode([0xBE]));
    }

    [Fact]
    public void HpackDecoderReadsLatin1ValuesAndTheWholeStaticTable()
    {
        var decoder = new HpackDecoder(4096);
        // server (static 54) = "caf\xe9" as Latin-1 bytes; then every static entry by index, 1 (first) to 61 (last).
        byte[] block = [0x0F, 54 - 15, 4, (byte)'c', (byte)'a', (byte)'f', 0xE9, 0x81, 0x82, 0x88, 0xBD];
        var fields = decoder.Decode(block);
        Assert.Equal([("server", "caf\u00e9"), (":authority", ""), (":method", "GET"), (":status", "200"), ("www-authenticate", "")], fields);
    }

    [Fact]
    public void HpackDecoderRefusesHuffmanSoTheCallFallsBack()
    {
        var decoder = new HpackDecoder(4096);
        Assert.Throws<FastPathUnsupportedException>(() => decoder.Decode([0x0F, 0x10, 0x81, 0xff]));
    }

    /// <summary>Plain Grpc.Net.Client over the same UNIX socket, as the reference.</summary>
    private sealed class DaemonChannelForTests : IDisposable
    {
        private readonly GrpcChannel _channel;

        public DaemonChannelForTests(string socketPath)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                    await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath), ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            };
            _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
            Client = new WifiBridgeHost.WifiBridgeHostClient(_channel);
        }

        public WifiBridgeHost.WifiBridgeHostClient Client { get; }

        public void Dispose() => _channel.Dispose();
    }
}
