using Google.Protobuf;
using Grpc.Core;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Wifi;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

/// <summary>The thin gRPC service: each station failure becomes the status code guest.proto documents.</summary>
public class GuestWifiServiceTests
{
    private static GuestWifiService Service(StationRig rig)
    {
        var snapshot = rig.Snapshot;
        var roamer = new StationRoamer(rig.Control, rig.Scanner, rig.Lock, TestLoggers.For<StationRoamer>());
        var samples = new Broadcast<SignalSample>();
        var history = new SignalSampleHistory(4);
        var sampler = new SignalSampler(rig.Control, snapshot, history, samples, TestLoggers.For<SignalSampler>());
        return new GuestWifiService(rig.Scanner, rig.Connector, rig.Status, roamer,
            new StationDisconnector(rig.Control, rig.Networks, rig.Status, rig.Lease, rig.Lock, snapshot, TestLoggers.For<StationDisconnector>()),
            rig.Networks, new RoamingPolicyRunner(rig.Scanner, roamer, snapshot, samples, TestLoggers.For<RoamingPolicyRunner>()),
            sampler, history, new Broadcast<GuestEvent>());
    }

    [Fact]
    public async Task InvalidNetworkIsInvalidArgument()
    {
        using var rig = new StationRig();
        var e = await Assert.ThrowsAsync<RpcException>(() => Service(rig).ApplyNetworks(
            new ApplyNetworksRequest { Networks = { new NetworkConfig { Ssid = ByteString.CopyFromUtf8("x"), Passphrase = "short" } } },
            new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task NoInterfaceIsFailedPreconditionButStatusStillAnswers()
    {
        using var rig = new StationRig();
        rig.Interface.Name = null;
        var service = Service(rig);
        var e = await Assert.ThrowsAsync<RpcException>(() => service.Scan(new ScanRequest(), new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(LinkState.NoInterface, (await service.GetStatus(new GetStatusRequest(), new FakeServerCallContext()).WithTimeout()).State);
    }

    [Fact]
    public async Task SupplicantDownIsUnavailable()
    {
        using var rig = new StationRig();
        rig.Wpa.IsConnected = false;
        var e = await Assert.ThrowsAsync<RpcException>(() => Service(rig).GetStatus(new GetStatusRequest(), new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("retry", e.Status.Detail);
    }

    [Fact]
    public async Task RoamWhileDisconnectedIsFailedPreconditionAndBadBssidInvalidArgument()
    {
        using var rig = new StationRig();
        var service = Service(rig);
        var notConnected = await Assert.ThrowsAsync<RpcException>(() => service.Roam(new RoamRequest(), new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.FailedPrecondition, notConnected.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => service.Roam(new RoamRequest { Bssid = "nope" }, new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task RoamToABssOfAnotherNetworkIsNotFound()
    {
        using var rig = new StationRig();
        rig.Wpa.Status = "bssid=02:00:00:00:01:00\nfreq=2412\nssid=home\nid=0\nwpa_state=COMPLETED";
        rig.Wpa.Responder = c => c.StartsWith("BSS 02:00:00:00:09:00") ? "id=3\nbssid=02:00:00:00:09:00\nfreq=2437\nlevel=-40\nflags=[ESS]\nssid=other\n" : null;
        var e = await Assert.ThrowsAsync<RpcException>(() => Service(rig).Roam(new RoamRequest { Bssid = "02:00:00:00:09:00" }, new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("'other'", e.Status.Detail);
    }

    [Fact]
    public async Task RoamingPolicyValidatesAndFillsDefaults()
    {
        using var rig = new StationRig();
        var service = Service(rig);
        var p = await service.SetRoamingPolicy(new RoamingPolicy { Enabled = true }, new FakeServerCallContext()).WithTimeout();
        Assert.Equal((-70, 8, 15u), (p.ThresholdDbm, p.HysteresisDb, p.MinIntervalS));
        var e = await Assert.ThrowsAsync<RpcException>(() => service.SetRoamingPolicy(new RoamingPolicy { ThresholdDbm = 5 }, new FakeServerCallContext())).WithTimeout();
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }
}
