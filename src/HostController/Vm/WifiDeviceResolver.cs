using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Processes;

namespace WifiBridge.HostController.Vm;

/// <summary>Finds the Wi-Fi card to pass through: the configured B/S/F, or the first class=0x028000 device
/// in <c>pciconf -l</c>. Errors say what to set.</summary>
public sealed class WifiDeviceResolver(DaemonOptions options, IProcessRunner runner)
{
    public async Task<IReadOnlyList<PciDevice>> ListAsync(CancellationToken ct)
    {
        var result = await runner.RunAsync("pciconf", ["-l"], ct).ConfigureAwait(false);
        result.EnsureSuccess();
        return PciconfListParser.Parse(result.Stdout);
    }

    public async Task<PciDevice> ResolveAsync(CancellationToken ct)
    {
        var devices = await ListAsync(ct).ConfigureAwait(false);
        if (options.WifiDevice != "auto")
        {
            PciAddress.TryParse(options.WifiDevice, out var wanted);
            var found = devices.FirstOrDefault(d => d.Address == wanted)
                ?? throw new VmConfigurationException($"wifi_device = {wanted} is not in 'pciconf -l'; list Wi-Fi cards with: pciconf -l | grep class=0x028000, then set wifi_device in {options.ConfigPath}");
            if (!found.IsWifi)
                throw new VmConfigurationException($"wifi_device = {wanted} is {found.Driver} with class=0x{found.Class:x6}, not a Wi-Fi card (class=0x028000); fix wifi_device in {options.ConfigPath}");
            return found;
        }
        var wifi = devices.Where(d => d.IsWifi).ToList();
        return wifi.Count switch
        {
            0 => throw new VmConfigurationException("no Wi-Fi card (class=0x028000) in 'pciconf -l'; check that the card is enabled in the firmware setup, or set wifi_device = B/S/F in " + options.ConfigPath),
            _ => wifi[0],
        };
    }
}
