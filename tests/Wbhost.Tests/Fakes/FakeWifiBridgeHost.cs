using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Tests.Fakes;

/// <summary>A test implementation of the host API answering from <see cref="FakeHostState"/>.</summary>
public sealed class FakeWifiBridgeHost(FakeHostState state) : WifiBridgeHost.WifiBridgeHostBase
{
    private async Task<T> Answer<T>(T reply, ServerCallContext context)
    {
        if (state.Delay > TimeSpan.Zero)
            await Task.Delay(state.Delay, context.CancellationToken);
        if (state.Failure is { } failure)
            throw new RpcException(failure);
        return reply;
    }

    private void ThrowIfFailing()
    {
        if (state.Failure is { } failure)
            throw new RpcException(failure);
    }

    public override Task<HostStatus> GetStatus(HostStatusRequest request, ServerCallContext context) => Answer(state.Status, context);

    public override Task<ScanResponse> Scan(ScanRequest request, ServerCallContext context)
    {
        lock (state.ScanRequests)
            state.ScanRequests.Add(request);
        return Answer(state.Scan, context);
    }

    public override async Task Connect(HostConnectRequest request, IServerStreamWriter<ConnectProgress> responseStream, ServerCallContext context)
    {
        lock (state.ConnectRequests)
            state.ConnectRequests.Add(request);
        ThrowIfFailing();
        foreach (var progress in state.ConnectReplies)
            await responseStream.WriteAsync(progress, context.CancellationToken);
    }

    public override Task<LinkStatus> Disconnect(DisconnectRequest request, ServerCallContext context)
        => Answer(new LinkStatus { State = LinkState.Disconnected, Interface = "wlan0" }, context);

    public override Task<RoamResponse> Roam(RoamRequest request, ServerCallContext context)
    {
        lock (state.RoamRequests)
            state.RoamRequests.Add(request);
        return Answer(new RoamResponse
        {
            FromBssid = "02:00:00:00:01:00",
            ToBssid = request.Bssid.Length > 0 ? request.Bssid : "02:00:00:00:01:01",
            ToFrequencyMhz = 2437,
            InterruptionMs = 42,
        }, context);
    }

    public override Task<ListNetworksResponse> ListNetworks(ListNetworksRequest request, ServerCallContext context) => Answer(state.Networks, context);

    public override Task<ListNetworksResponse> ForgetNetwork(NetworkRef request, ServerCallContext context)
    {
        lock (state.ForgetRequests)
            state.ForgetRequests.Add(request);
        var remaining = new ListNetworksResponse();
        remaining.Networks.AddRange(state.Networks.Networks.Where(n => n.Ssid != request.Ssid));
        if (remaining.Networks.Count == state.Networks.Networks.Count && state.Failure is null)
            throw new RpcException(new Status(StatusCode.NotFound, "no saved network \"Nowhere\"; list them with: wbhost networks list"));
        return Answer(remaining, context);
    }

    public override Task<SavedNetwork> UpdateNetwork(UpdateNetworkRequest request, ServerCallContext context)
    {
        lock (state.UpdateRequests)
            state.UpdateRequests.Add(request);
        var saved = state.Networks.Networks.FirstOrDefault(n => n.Ssid == request.Ssid)?.Clone();
        if (saved is null && state.Failure is null)
            throw new RpcException(new Status(StatusCode.NotFound, "no saved network with that SSID; list them with: wbhost networks list"));
        if (saved is not null && request.HasPriority)
            saved.Priority = request.Priority;
        if (saved is not null && request.HasAutoconnect)
            saved.Autoconnect = request.Autoconnect;
        return Answer(saved!, context);
    }

    public override async Task WatchSignal(WatchSignalRequest request, IServerStreamWriter<SignalSample> responseStream, ServerCallContext context)
    {
        ThrowIfFailing();
        foreach (var sample in state.SignalReplies)
            await responseStream.WriteAsync(sample, context.CancellationToken);
        // Like the real daemon: the stream stays open (live samples would follow) until the client cancels.
        if (!state.EndSignalStream)
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override Task<VmStatus> VmStart(VmRequest request, ServerCallContext context) => Vm("start", context);
    public override Task<VmStatus> VmStop(VmRequest request, ServerCallContext context) => Vm("stop", context);
    public override Task<VmStatus> VmRestart(VmRequest request, ServerCallContext context) => Vm("restart", context);
    public override Task<VmStatus> GetVmStatus(VmRequest request, ServerCallContext context) => Vm("status", context);

    private Task<VmStatus> Vm(string call, ServerCallContext context)
    {
        lock (state.VmCalls)
            state.VmCalls.Add(call);
        var vm = state.Vm.Clone();
        if (call == "stop")
            vm = new VmStatus { State = VmState.Stopped, Driver = vm.Driver, Restarts = vm.Restarts, LastExit = "exit 1 (poweroff)", ConsoleLog = vm.ConsoleLog };
        return Answer(vm, context);
    }

    public override Task<VmLogsResponse> VmLogs(VmLogsRequest request, ServerCallContext context)
    {
        var reply = new VmLogsResponse();
        reply.Lines.AddRange(state.Logs.Lines.TakeLast((int)(request.Lines == 0 ? 100 : request.Lines)));
        return Answer(reply, context);
    }

    public override Task<DoctorReport> Doctor(DoctorRequest request, ServerCallContext context) => Answer(state.Doctor, context);

    public override async Task Resume(ResumeRequest request, IServerStreamWriter<ResumeProgress> responseStream, ServerCallContext context)
    {
        ThrowIfFailing();
        foreach (var progress in state.ResumeReplies)
            await responseStream.WriteAsync(progress, context.CancellationToken);
    }
}
