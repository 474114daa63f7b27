using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Processes;
using WifiBridge.HostController.Vm;

namespace WifiBridge.HostController;

/// <summary><c>wbhostd --export-vm-bhyve</c>: the VM as a vm-bhyve guest config (resolving the card like a start would).</summary>
public static class VmBhyveExport
{
    public static async Task<string> RenderAsync(DaemonOptions options)
    {
        var card = await new WifiDeviceResolver(options, new ProcessRunner()).ResolveAsync(CancellationToken.None).ConfigureAwait(false);
        return VmBhyveConfig.Render(options, card.Address);
    }
}
