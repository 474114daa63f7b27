using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Turns every datapath change (a new Wi-Fi lease with other DNS servers, the eth subnet moved
/// off a clashing network, the datapath removed) into an <c>uplink_changed</c> guest event, so
/// the host learns it without polling (WatchEvents).
/// </summary>
public sealed class UplinkEventPublisher(UplinkDatapath datapath, Broadcast<GuestEvent> events) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        datapath.StatusChanged += Publish;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        datapath.StatusChanged -= Publish;
        return Task.CompletedTask;
    }

    private void Publish(UplinkStatus status)
        => events.Publish(new GuestEvent { UnixTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), UplinkChanged = status });
}
