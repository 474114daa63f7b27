using Grpc.Core;
using WifiBridge.Link.Host;
using WifiBridge.Link.Tests.Fakes;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>Real gRPC (Kestrel server, GrpcChannel client) over the link through a fake bhyve port.</summary>
public class GrpcOverLinkTests
{
    private static async Task<GuestInfo> GetInfoAsync(LinkConnector connector, int pad = 0)
    {
        using var channel = LinkGrpcClient.Create(connector);
        var client = new GuestAgent.GuestAgentClient(channel);
        var headers = new Metadata { { "x-pad-bytes", pad.ToString() } };
        return await client.GetInfoAsync(new GetInfoRequest(), headers, DateTime.UtcNow.AddSeconds(20)).ResponseAsync.WithTimeout();
    }

    [Fact]
    public async Task GetInfo_WorksThroughTheBhyvePort_AndTheStatusIsReady()
    {
        await using var lab = await BhyveLab.StartAsync();
        var info = await GetInfoAsync(lab.Connector);
        Assert.Equal(TestGuestAgentService.InstanceId, info.InstanceId);
        Assert.Equal(LinkConnectionState.Ready, lab.Connector.Status.State);
    }

    [Fact]
    public async Task HundredConcurrentCalls_AllSucceed()
    {
        await using var lab = await BhyveLab.StartAsync();
        using var channel = LinkGrpcClient.Create(lab.Connector);
        var client = new GuestAgent.GuestAgentClient(channel);
        var calls = Enumerable.Range(0, 100).Select(i =>
            client.GetInfoAsync(new GetInfoRequest(), new Metadata { { "x-pad-bytes", (i * 100).ToString() } }).ResponseAsync);
        var results = await Task.WhenAll(calls).WithTimeout();
        Assert.Equal(100, results.Length);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 100), results.Select(r => r.Kernel.Length).Order());
    }

    [Fact]
    public async Task OneMebibyteReply_ArrivesIntact_AndAnOversizedOneFailsClearlyWithTheLinkStillUp()
    {
        await using var lab = await BhyveLab.StartAsync();
        var big = await GetInfoAsync(lab.Connector, 1024 * 1024);
        Assert.Equal(new string('k', 1024 * 1024), big.Kernel);
        using var channel = LinkGrpcClient.Create(lab.Connector);
        var client = new GuestAgent.GuestAgentClient(channel);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetInfoAsync(new GetInfoRequest(),
            new Metadata { { "x-pad-bytes", (5 * 1024 * 1024).ToString() } }).ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var after = await client.GetInfoAsync(new GetInfoRequest()).ResponseAsync.WithTimeout();
        Assert.Equal("test", after.AgentVersion);
    }

    [Fact]
    public async Task LossyGuestChannel_CallsStillSucceed_Transparently()
    {
        await using var lab = await BhyveLab.StartAsync();
        lab.GuestFaults = FaultProfile.Lossy with { Delay = 0 };
        await lab.RestartGuestAsync(); // reopen the port through the faulty channel
        using var channel = LinkGrpcClient.Create(lab.Connector);
        var client = new GuestAgent.GuestAgentClient(channel);
        for (var i = 0; i < 20; i++)
        {
            var info = await client.GetInfoAsync(new GetInfoRequest(), new Metadata { { "x-pad-bytes", "20000" } }).ResponseAsync.WithTimeout();
            Assert.Equal(20000, info.Kernel.Length);
        }
        var faults = lab.GuestChannels[^1];
        Assert.True(faults.Dropped + faults.Corrupted > 0);
    }

    [Fact]
    public async Task ServerStream_DeliversEveryMessageInOrder()
    {
        await using var lab = await BhyveLab.StartAsync();
        using var channel = LinkGrpcClient.Create(lab.Connector);
        var wifi = new GuestWifi.GuestWifiClient(channel);
        using var call = wifi.WatchSignal(new WatchSignalRequest());
        for (var i = 1; i <= 2000; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext().WithTimeout());
            Assert.Equal(-i, call.ResponseStream.Current.RssiDbm);
        }
    }

    [Fact]
    public async Task HostRestartMidStream_TheCallFailsUnavailable_AndTheNewHostGetsAFreshSession()
    {
        await using var lab = await BhyveLab.StartAsync();
        var channel = LinkGrpcClient.Create(lab.Connector);
        var call = new GuestWifi.GuestWifiClient(channel).WatchSignal(new WatchSignalRequest { IntervalMs = 5 });
        Assert.True(await call.ResponseStream.MoveNext().WithTimeout());
        await lab.RestartHostAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call.ResponseStream).WithTimeout());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        channel.Dispose();
        var info = await GetInfoAsync(lab.Connector);
        Assert.Equal("test", info.AgentVersion);
        Assert.Equal(0, lab.Console.RefusedClients);
    }

    [Fact]
    public async Task GuestRestartMidStream_TheCallFailsUnavailable_AndTheNextCallReachesTheNewGuest()
    {
        await using var lab = await BhyveLab.StartAsync();
        using var channel = LinkGrpcClient.Create(lab.Connector);
        var call = new GuestWifi.GuestWifiClient(channel).WatchSignal(new WatchSignalRequest { IntervalMs = 5 });
        Assert.True(await call.ResponseStream.MoveNext().WithTimeout());
        await lab.RestartGuestAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call.ResponseStream).WithTimeout());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        var client = new GuestAgent.GuestAgentClient(channel);
        var info = await client.GetInfoAsync(new GetInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.WithTimeout();
        Assert.Equal("test", info.AgentVersion);
    }

    [Fact]
    public async Task AGuestChannelOpenerThatThrows_IsRetried_AndTheGuestBecomesReachable()
    {
        await using var lab = await BhyveLab.StartAsync();
        lab.GuestOpenFailures = 2; // not IO errors: before, the guest's listener stopped for good on these
        await lab.RestartGuestAsync();
        var info = await GetInfoAsync(lab.Connector);
        Assert.Equal("test", info.AgentVersion);
        Assert.Contains(lab.Logs.Lines, line => line.Contains("Cannot open link device") && line.Contains("fake: the channel opener failed"));
    }

    [Fact]
    public async Task ChannelGoesSilentMidCall_TheCallFailsUnavailable_NeverHangs_AndRecoveryFollows()
    {
        await using var lab = await BhyveLab.StartAsync();
        using var channel = LinkGrpcClient.Create(lab.Connector);
        var call = new GuestWifi.GuestWifiClient(channel).WatchSignal(new WatchSignalRequest { IntervalMs = 5 });
        Assert.True(await call.ResponseStream.MoveNext().WithTimeout());
        var guestChannel = lab.GuestChannels[^1];
        guestChannel.Severed = true; // the guest hangs: nothing more comes out of it
        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call.ResponseStream).WithTimeout());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(LinkConnectionState.Down, lab.Connector.Status.State);
        Assert.Contains("no frames from the peer", lab.Connector.Status.Reason);
        guestChannel.Severed = false; // it comes back
        var info = await new GuestAgent.GuestAgentClient(channel).GetInfoAsync(new GetInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.WithTimeout();
        Assert.Equal("test", info.AgentVersion);
    }

    [Fact]
    public async Task BytesWrittenWhileTheHostIsDisconnected_AreDropped_AndNeverReachTheNextSession()
    {
        await using var lab = await BhyveLab.StartAsync();
        using var channel = LinkGrpcClient.Create(lab.Connector);
        using var call = new GuestWifi.GuestWifiClient(channel).WatchSignal(new WatchSignalRequest { IntervalMs = 2 });
        Assert.True(await call.ResponseStream.MoveNext().WithTimeout());
        lab.Console.DropClient(); // bhyve loses the host; the guest keeps streaming into the void
        await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call.ResponseStream).WithTimeout());
        // The guest's old session writes on (samples every 2 ms, retransmissions, heartbeats) until
        // the next handshake: make sure some of that went into the void before the host reconnects.
        await Eventually.TrueAsync(() => Interlocked.Read(ref lab.Console.DroppedGuestToHost) > 0, "the guest wrote while no host was connected");
        // The next call reconnects, handshakes a new session and gets a clean answer.
        var info = await new GuestAgent.GuestAgentClient(channel).GetInfoAsync(new GetInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.WithTimeout();
        Assert.Equal("test", info.AgentVersion);
        using var stream = new GuestWifi.GuestWifiClient(channel).WatchSignal(new WatchSignalRequest());
        Assert.True(await stream.ResponseStream.MoveNext().WithTimeout());
        Assert.Equal(-1, stream.ResponseStream.Current.RssiDbm); // a fresh stream, not the old one's tail
    }

    [Fact]
    public async Task SecondHostClient_IsRefusedByBhyve_AndTheFirstKeepsWorking()
    {
        await using var lab = await BhyveLab.StartAsync();
        await GetInfoAsync(lab.Connector);
        await using var intruder = new LinkConnector(LinkTarget.UnixSocket(lab.Console.SocketPath));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => intruder.ConnectAsync(giveUp.Token).AsTask().WithTimeout());
        Assert.True(lab.Console.RefusedClients > 0);
        Assert.Equal(LinkConnectionState.Down, intruder.Status.State);
        Assert.Contains("another", intruder.Status.Reason);
        Assert.Equal("test", (await GetInfoAsync(lab.Connector)).AgentVersion);
    }

    [Fact]
    public async Task NoVmRunning_StatusSaysTheSocketIsMissing()
    {
        await using var connector = new LinkConnector(LinkTarget.UnixSocket("/nonexistent/wb-vm0.sock"));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connector.ConnectAsync(giveUp.Token).AsTask().WithTimeout());
        Assert.Equal(LinkConnectionState.Down, connector.Status.State);
        Assert.Contains("does not exist: is the VM running?", connector.Status.Reason);
    }

    private static async Task DrainAsync(IAsyncStreamReader<SignalSample> stream)
    {
        while (await stream.MoveNext())
        {
        }
    }
}
