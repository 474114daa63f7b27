using Grpc.Core;
using WifiBridge.HostController.Guest;
using WifiBridge.HostController.Networks;
using WifiBridge.HostController.Vm;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Api;

/// <summary>After suspend/resume: VM running? link up? card still there (GetInfo.wireless_interfaces)? If the
/// card vanished, restart the guest; then re-enable autoconnect, re-apply the saved networks and wait for Wi-Fi.</summary>
public sealed class ResumeWorkflow(VmSupervisor vm, GuestLink link, SavedNetworkStore store, WifiOperations wifi)
{
    public static readonly TimeSpan LinkTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan WifiTimeout = TimeSpan.FromSeconds(45);

    public async Task RunAsync(Func<ResumeProgress, Task> report, CancellationToken ct)
    {
        Task Step(string step, string message) => report(new ResumeProgress { Step = step, Message = message });
        Task Done(bool ok, string message) => report(new ResumeProgress { Step = "done", Message = message, Done = true, Ok = ok });

        if (!vm.IsRunning)
        {
            await Step("vm", "the VM is not running; starting it").ConfigureAwait(false);
            try { await vm.StartAsync(ct).ConfigureAwait(false); }
            catch (VmConfigurationException e) { await Done(false, e.Message).ConfigureAwait(false); return; }
            link.Poke();
        }
        else await Step("vm", $"the VM is running (pid {vm.Status.Pid})").ConfigureAwait(false);

        if (!await WaitLinkAsync(report, ct).ConfigureAwait(false)) return;

        var info = await FreshInfoAsync(ct).ConfigureAwait(false);
        if (info.WirelessInterfaces.Count == 0 && vm.IsRunning)
        {
            await Step("card", "the Wi-Fi card vanished from the guest; restarting the guest").ConfigureAwait(false);
            try { await vm.RestartAsync(ct).ConfigureAwait(false); }
            catch (VmConfigurationException e) { await Done(false, e.Message).ConfigureAwait(false); return; }
            link.Poke();
            if (!await WaitLinkAsync(report, ct).ConfigureAwait(false)) return;
            info = await FreshInfoAsync(ct).ConfigureAwait(false);
            if (info.WirelessInterfaces.Count == 0)
            {
                await Done(false, "the Wi-Fi card is still missing after a guest restart; check 'pciconf -l' on the host, then try: wbhost vm restart (a full power cycle may be needed)").ConfigureAwait(false);
                return;
            }
        }
        await Step("card", "Wi-Fi interface present: " + string.Join(", ", info.WirelessInterfaces)).ConfigureAwait(false);

        link.AutoconnectSuspended = false;
        if (!store.All.Any(n => n.Autoconnect))
        {
            await Done(true, "no saved network to reconnect; connect with: wbhost connect SSID").ConfigureAwait(false);
            return;
        }
        await Step("wifi", "re-applying the saved networks").ConfigureAwait(false);
        link.RequestReconcile();
        var until = DateTime.UtcNow + WifiTimeout;
        while (DateTime.UtcNow < until)
        {
            var s = await wifi.TryGetLinkStatusAsync(ct).ConfigureAwait(false);
            if (s?.State == LinkState.Connected)
            {
                await Done(true, $"connected to {s.SsidDisplay} ({s.Bssid}, {s.SignalDbm} dBm)").ConfigureAwait(false);
                return;
            }
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }
        await Done(false, $"not connected after {WifiTimeout.TotalSeconds:0} s; see: wbhost scan, wbhost status").ConfigureAwait(false);
    }

    private async Task<bool> WaitLinkAsync(Func<ResumeProgress, Task> report, CancellationToken ct)
    {
        await report(new ResumeProgress { Step = "link", Message = "waiting for the guest agent" }).ConfigureAwait(false);
        link.Poke();
        if (await link.WaitReadyAsync(LinkTimeout, ct).ConfigureAwait(false)) return true;
        await report(new ResumeProgress
        {
            Step = "done", Done = true, Ok = false,
            Message = $"the guest agent did not answer within {LinkTimeout.TotalSeconds:0} s ({link.Detail}); see: wbhost vm logs, then: wbhost vm restart",
        }).ConfigureAwait(false);
        return false;
    }

    /// <summary>GetInfo on the live link; right after a VM restart the old connection may still be
    /// reported until the loop notices, so retry until the new guest answers.</summary>
    private async Task<GuestInfo> FreshInfoAsync(CancellationToken ct)
    {
        var until = DateTime.UtcNow + LinkTimeout;
        while (true)
        {
            try
            {
                var info = await link.RequireReady().Agent.GetInfoAsync(new GetInfoRequest(), GuestConnection.Unary(ct, TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                GuestReplySanitizer.ValidateInfo(info);
                return info;
            }
            // ObjectDisposedException: the link loop dropped that connection between RequireReady and the call.
            catch (Exception e) when (e is RpcException or ObjectDisposedException && DateTime.UtcNow < until)
            {
                await link.WaitReadyAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
                await Task.Delay(500, ct).ConfigureAwait(false);
            }
        }
    }
}
