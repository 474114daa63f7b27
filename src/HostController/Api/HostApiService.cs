using Grpc.Core;
using WifiBridge.HostController.Doctor;
using WifiBridge.HostController.Status;
using WifiBridge.HostController.Vm;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Api;

/// <summary>The WifiBridgeHost gRPC service: translates messages and status codes, checks permission on
/// mutating calls, delegates to the domain classes.</summary>
public sealed class HostApiService(
    MutationAuthorizer authorizer,
    StatusReporter status,
    WifiOperations wifi,
    SavedNetworkOperations networks,
    VmSupervisor vm,
    Guest.GuestLink link,
    IPrerequisiteChecks doctor,
    ResumeWorkflow resume,
    HostEventHub events,
    HostNetwork.HostNetworkConfigurator hostNetwork) : WifiBridgeHost.WifiBridgeHostBase
{
    public override Task<HostStatus> GetStatus(HostStatusRequest request, ServerCallContext context)
        => status.GetAsync(context.CancellationToken);

    public override Task<ScanResponse> Scan(ScanRequest request, ServerCallContext context)
        => wifi.ScanAsync(request, context.CancellationToken);

    public override Task Connect(HostConnectRequest request, IServerStreamWriter<ConnectProgress> responseStream, ServerCallContext context)
    {
        authorizer.Require(context, "Connect");
        return wifi.ConnectAsync(request, p => responseStream.WriteAsync(p), context.CancellationToken);
    }

    public override Task<LinkStatus> Disconnect(DisconnectRequest request, ServerCallContext context)
    {
        authorizer.Require(context, "Disconnect");
        return wifi.DisconnectAsync(context.CancellationToken);
    }

    public override Task<RoamResponse> Roam(RoamRequest request, ServerCallContext context)
    {
        authorizer.Require(context, "Roam");
        return wifi.RoamAsync(request, context.CancellationToken);
    }

    public override Task<ListNetworksResponse> ListNetworks(ListNetworksRequest request, ServerCallContext context)
        => Task.FromResult(networks.List());

    public override Task<ListNetworksResponse> ForgetNetwork(NetworkRef request, ServerCallContext context)
    {
        authorizer.Require(context, "ForgetNetwork");
        return Task.FromResult(networks.Forget(request));
    }

    public override Task<SavedNetwork> UpdateNetwork(UpdateNetworkRequest request, ServerCallContext context)
    {
        authorizer.Require(context, "UpdateNetwork");
        return Task.FromResult(networks.Update(request));
    }

    public override Task WatchSignal(WatchSignalRequest request, IServerStreamWriter<SignalSample> responseStream, ServerCallContext context)
        => wifi.WatchSignalAsync(request, s => responseStream.WriteAsync(s), context.CancellationToken);

    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<HostEvent> responseStream, ServerCallContext context)
    {
        var reader = events.Subscribe(context.CancellationToken);
        try
        {
            await foreach (var e in reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
                await responseStream.WriteAsync(e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task<VmStatus> VmStart(VmRequest request, ServerCallContext context)
    {
        authorizer.Require(context, "VmStart");
        var s = await VmCall(() => vm.StartAsync(context.CancellationToken)).ConfigureAwait(false);
        link.Poke();
        return s;
    }

    public override Task<VmStatus> VmStop(VmRequest request, ServerCallContext context)
    {
        authorizer.Require(context, "VmStop");
        return VmCall(async () =>
        {
            var stopped = await vm.StopAsync(context.CancellationToken).ConfigureAwait(false);
            // An explicit stop takes the host side down too (tap, DNS); a wbhostd restart does not (the VM lives on).
            await hostNetwork.TearDownAsync(context.CancellationToken).ConfigureAwait(false);
            return stopped;
        });
    }

    public override async Task<VmStatus> VmRestart(VmRequest request, ServerCallContext context)
    {
        authorizer.Require(context, "VmRestart");
        var s = await VmCall(() => vm.RestartAsync(context.CancellationToken)).ConfigureAwait(false);
        link.Poke();
        return s;
    }

    public override Task<VmStatus> GetVmStatus(VmRequest request, ServerCallContext context) => Task.FromResult(vm.Status);

    public override Task<VmLogsResponse> VmLogs(VmLogsRequest request, ServerCallContext context)
    {
        var response = new VmLogsResponse();
        response.Lines.AddRange(VmConsoleLog.Tail(vm.Status.ConsoleLog, request.Lines));
        return Task.FromResult(response);
    }

    public override Task<DoctorReport> Doctor(DoctorRequest request, ServerCallContext context) => doctor.RunAsync(context.CancellationToken);

    public override Task Resume(ResumeRequest request, IServerStreamWriter<ResumeProgress> responseStream, ServerCallContext context)
    {
        authorizer.Require(context, "Resume");
        return resume.RunAsync(p => responseStream.WriteAsync(p), context.CancellationToken);
    }

    private static async Task<VmStatus> VmCall(Func<Task<VmStatus>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is VmConfigurationException or Processes.ToolFailedException)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, e.Message));
        }
    }
}
