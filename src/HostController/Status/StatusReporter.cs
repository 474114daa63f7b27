using WifiBridge.HostController.Api;
using WifiBridge.HostController.Guest;
using WifiBridge.HostController.HostNetwork;
using WifiBridge.HostController.Vm;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Status;

/// <summary>Composes HostStatus from the VM, the link, the guest and the host network. Never fails because
/// the guest is down: the state says so.</summary>
public sealed class StatusReporter(VmSupervisor vm, GuestLink link, WifiOperations wifi, HostNetworkConfigurator hostNetwork, long startedUnixMs)
{
    public async Task<HostStatus> GetAsync(CancellationToken ct)
    {
        var status = new HostStatus
        {
            DaemonVersion = DaemonVersion.Text,
            DaemonStartedUnixMs = startedUnixMs,
            Vm = vm.Status,
            Link = link.State,
            LinkDetail = link.Detail,
            ReconcileError = link.ReconcileError,
            HostNetwork = hostNetwork.Status,
            Channel = link.ChannelName,
        };
        if (link.Info is { } info) status.Guest = info;
        if (link.Uplink is { } uplink) status.Uplink = uplink;
        if (await wifi.TryGetLinkStatusAsync(ct).ConfigureAwait(false) is { } ls) status.Wifi = ls;
        return status;
    }
}
