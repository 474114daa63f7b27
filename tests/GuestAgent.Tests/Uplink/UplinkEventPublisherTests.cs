using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>Datapath changes reach WatchEvents subscribers as uplink_changed (the host learns a moved subnet or new DNS from it).</summary>
public class UplinkEventPublisherTests
{
    [Fact]
    public async Task EveryDatapathChangeIsPublishedUntilStopped()
    {
        using var rig = new StationRig();
        await using var datapath = new UplinkDatapath(rig.Commands, new UplinkTools(),
            new AgentOptions { RuntimeDirectory = rig.RuntimeDirectory, EthInterface = "eth7" }, rig.Lease, TestLoggers.For<UplinkDatapath>());
        var events = new Broadcast<GuestEvent>();
        using var subscriber = events.Subscribe();
        var publisher = new UplinkEventPublisher(datapath, events);

        await publisher.StartAsync(default).WithTimeout();
        await datapath.RemoveAsync(default).WithTimeout();
        Assert.True(subscriber.Reader.TryRead(out var e), "no event after a datapath change");
        Assert.Equal(GuestEvent.KindOneofCase.UplinkChanged, e!.KindCase);
        Assert.Equal("eth7", e.UplinkChanged.EthInterface);
        Assert.True(e.UnixTimeMs > 0);

        await publisher.StopAsync(default).WithTimeout();
        await datapath.RemoveAsync(default).WithTimeout();
        Assert.False(subscriber.Reader.TryRead(out _), "published after StopAsync");
    }

    [Fact]
    public void AddGuestUplinkRegistersThePublisher()
    {
        var services = new ServiceCollection().AddGuestUplink();
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(UplinkEventPublisher));
    }
}
