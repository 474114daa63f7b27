using Google.Protobuf;
using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Infrastructure;

public sealed class FakeGuestAgentService(FakeGuestState state) : GuestAgent.GuestAgentBase
{
    public override Task<GuestInfo> GetInfo(GetInfoRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref state.GetInfoCalls);
        return Task.FromResult(state.Info);
    }
}

public sealed class FakeGuestUplinkService(FakeGuestState state) : GuestUplink.GuestUplinkBase
{
    public override Task<UplinkStatus> ConfigureUplink(UplinkConfig request, ServerCallContext context)
    {
        state.UplinkCalls.Enqueue(request);
        if (state.ConfigureUplinkFailure is { } failure) throw new RpcException(failure);
        return Task.FromResult(state.Uplink);
    }

    public override Task<UplinkStatus> GetUplinkStatus(GetUplinkStatusRequest request, ServerCallContext context) => Task.FromResult(state.Uplink);
}

public sealed class FakeGuestWifiService(FakeGuestState state) : GuestWifi.GuestWifiBase
{
    public override Task<ScanResponse> Scan(ScanRequest request, ServerCallContext context)
    {
        var r = new ScanResponse { ScannedUnixMs = 1 };
        r.Bss.AddRange(state.ScanResults);
        return Task.FromResult(r);
    }

    public override async Task Connect(ConnectRequest request, IServerStreamWriter<ConnectProgress> responseStream, ServerCallContext context)
    {
        state.ConnectCalls.Enqueue(request);
        await responseStream.WriteAsync(new ConnectProgress { Stage = "associating", Message = "associating" });
        if (state.ConnectOutcome == ConnectOutcome.Connected) state.State = LinkState.Connected;
        await responseStream.WriteAsync(new ConnectProgress
        {
            Stage = "done",
            Result = new ConnectResult { Outcome = state.ConnectOutcome, Detail = state.ConnectOutcome.ToString(), Status = Status(request.Ssid) },
        });
    }

    public override Task<ApplyNetworksResponse> ApplyNetworks(ApplyNetworksRequest request, ServerCallContext context)
    {
        state.ApplyCalls.Enqueue(request);
        if (state.ApplyNetworksFailure is { } failure) throw new RpcException(failure);
        if (request.Autoconnect && request.Networks.Count > 0) state.State = LinkState.Connected; // wpa_supplicant picks one
        return Task.FromResult(new ApplyNetworksResponse { Added = (uint)request.Networks.Count });
    }

    public override Task<LinkStatus> GetStatus(GetStatusRequest request, ServerCallContext context) => Task.FromResult(Status(ByteString.CopyFromUtf8("HomeNet")));

    public override Task<LinkStatus> Disconnect(DisconnectRequest request, ServerCallContext context)
    {
        state.State = LinkState.Disconnected;
        return Task.FromResult(Status(ByteString.Empty));
    }

    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<GuestEvent> responseStream, ServerCallContext context)
    {
        try { await Task.Delay(Timeout.Infinite, context.CancellationToken); }
        catch (OperationCanceledException) { }
    }

    private LinkStatus Status(ByteString ssid) => new()
    {
        State = state.State, Interface = "wlan0", Ssid = state.State == LinkState.Connected ? ssid : ByteString.Empty,
        Bssid = state.State == LinkState.Connected ? "02:00:00:00:01:00" : "", SignalDbm = -40,
    };
}
