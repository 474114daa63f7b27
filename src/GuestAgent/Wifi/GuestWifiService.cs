using Grpc.Core;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi;

/// <summary>gRPC GuestWifi (guest.proto): translates messages and status codes; the work is in the Station classes.</summary>
public sealed class GuestWifiService(
    StationScanner scanner, StationConnector connector, StationStatusReader status, StationRoamer roamer,
    StationDisconnector disconnector, KnownNetworks networks, RoamingPolicyRunner roaming, SignalSampler sampler,
    SignalSampleHistory history, Broadcast<GuestEvent> events) : GuestWifi.GuestWifiBase
{
    public override Task<ScanResponse> Scan(ScanRequest request, ServerCallContext context)
        => Run(() => scanner.ScanAsync(request, context.CancellationToken));

    public override Task Connect(ConnectRequest request, IServerStreamWriter<ConnectProgress> responseStream, ServerCallContext context)
        => Run(async () =>
        {
            await connector.ConnectAsync(request, p => responseStream.WriteAsync(p, context.CancellationToken), context.CancellationToken).ConfigureAwait(false);
            return true;
        });

    public override Task<LinkStatus> Disconnect(DisconnectRequest request, ServerCallContext context)
        => Run(() => disconnector.DisconnectAsync(context.CancellationToken));

    public override Task<RoamResponse> Roam(RoamRequest request, ServerCallContext context)
        => Run(() => roamer.RoamAsync(request.Bssid, automatic: false, context.CancellationToken));

    public override Task<LinkStatus> GetStatus(GetStatusRequest request, ServerCallContext context)
        => Run(() => status.ReadAsync(context.CancellationToken));

    public override Task<ApplyNetworksResponse> ApplyNetworks(ApplyNetworksRequest request, ServerCallContext context)
        => Run(() => networks.ApplyAsync(request.Networks, request.Autoconnect, context.CancellationToken, request.PreferredSsid.Memory));

    public override Task<RoamingPolicy> SetRoamingPolicy(RoamingPolicy request, ServerCallContext context)
        => Run(() => Task.FromResult(roaming.Set(request)));

    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<GuestEvent> responseStream, ServerCallContext context)
    {
        using var subscription = events.Subscribe();
        try
        {
            await foreach (var e in subscription.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
                await responseStream.WriteAsync(e, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested) { }
    }

    public override async Task WatchSignal(WatchSignalRequest request, IServerStreamWriter<SignalSample> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var interval = TimeSpan.FromMilliseconds(request.IntervalMs == 0 ? 1000 : Math.Max(250, request.IntervalMs));
        try
        {
            if (request.IncludeHistory)
                foreach (var s in history.Snapshot()) await responseStream.WriteAsync(s, ct).ConfigureAwait(false);
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                SignalSample? sample;
                try { sample = await sampler.SampleAsync(ct).ConfigureAwait(false); }
                catch (StationException) { sample = null; } // wpa_supplicant restarting: keep the stream, skip the tick
                if (sample is not null) await responseStream.WriteAsync(sample, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public override Task<SignalHistory> GetSignalHistory(GetSignalHistoryRequest request, ServerCallContext context)
        => Task.FromResult(new SignalHistory { Samples = { history.Snapshot() } });

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (StationException e)
        {
            throw new RpcException(new Status(Code(e.Error), e.Message));
        }
    }

    private static StatusCode Code(StationError error) => error switch
    {
        StationError.InvalidArgument => StatusCode.InvalidArgument,
        StationError.NoInterface => StatusCode.FailedPrecondition,
        StationError.NotConnected => StatusCode.FailedPrecondition,
        StationError.Unavailable => StatusCode.Unavailable,
        StationError.Timeout => StatusCode.DeadlineExceeded,
        StationError.Busy => StatusCode.ResourceExhausted,
        StationError.NotFound => StatusCode.NotFound,
        StationError.Aborted => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };
}
