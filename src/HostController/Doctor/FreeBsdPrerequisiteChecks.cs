using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Processes;
using WifiBridge.HostController.Vm;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Doctor;

/// <summary>FreeBSD/bhyve: vmm loaded, IOMMU on (Intel hw.vmm.iommu.enable / AMD hw.vmm.amdvi.enable), the Wi-Fi
/// card (class=0x028000 in pciconf -l), ppt, native driver kept off (pptdevs), UEFI firmware, tap support.</summary>
public sealed class FreeBsdPrerequisiteChecks(DaemonOptions options, IProcessRunner runner) : IPrerequisiteChecks
{
    public async Task<DoctorReport> RunAsync(CancellationToken ct)
    {
        var report = new DoctorReport();
        var vmm = await runner.RunAsync("kldstat", ["-q", "-m", "vmm"], ct).ConfigureAwait(false);
        var vmmLoaded = vmm.Succeeded;
        report.Checks.Add(vmmLoaded
            ? Check.Ok("vmm", "the vmm kernel module is loaded")
            : Check.Fail("vmm", "the vmm kernel module is not loaded", "kldload vmm && sysrc -f /boot/loader.conf vmm_load=YES"));

        report.Checks.Add(await IommuAsync(vmmLoaded, ct).ConfigureAwait(false));

        IReadOnlyList<PciDevice> devices = [];
        var pciconf = await runner.RunAsync("pciconf", ["-l"], ct).ConfigureAwait(false);
        if (pciconf.Succeeded) devices = PciconfListParser.Parse(pciconf.Stdout);
        PciDevice? card = null;
        if (options.WifiDevice != "auto" && PciAddress.TryParse(options.WifiDevice, out var wanted))
            card = devices.FirstOrDefault(d => d.Address == wanted && d.IsWifi);
        else
            card = devices.FirstOrDefault(d => d.IsWifi);
        if (card is null)
        {
            report.Checks.Add(Check.Fail("wifi-device",
                options.WifiDevice == "auto" ? "no Wi-Fi card (class=0x028000) in pciconf -l" : $"wifi_device = {options.WifiDevice} is not a Wi-Fi card in pciconf -l",
                "enable the card in the firmware setup; list candidates with: pciconf -l | grep class=0x028000; set wifi_device = B/S/F in " + options.ConfigPath));
        }
        else
        {
            report.Checks.Add(Check.Ok("wifi-device", $"{card.Driver} at {card.Address} (vendor {card.Vendor}, device {card.Device})"));
            // ppt(4) is part of vmm.ko: without it `devctl set driver ppt` has no driver to attach.
            report.Checks.Add(!card.AttachedToPpt && !vmmLoaded
                ? Check.Fail("ppt", $"{card.Address} cannot be attached to ppt: the ppt driver comes with the vmm module, which is not loaded",
                    "kldload vmm && sysrc -f /boot/loader.conf vmm_load=YES")
                : card.AttachedToPpt || card.Unattached
                ? Check.Ok("ppt", card.AttachedToPpt ? $"{card.Address} is attached to {card.Driver}" : $"{card.Address} has no driver; wbhostd attaches ppt at VM start")
                : Check.Warn("ppt", $"{card.Address} is held by the native driver {card.Driver}",
                    $"wbhostd detaches it at VM start (devctl set driver -f {card.Address.DevctlName} ppt); to keep it off at boot: sysrc -f /boot/loader.conf pptdevs=\"{card.Address}\""));
            report.Checks.Add(NativeDriverKeptOff(card));
        }

        report.Checks.Add(File.Exists(options.UefiFirmware)
            ? Check.Ok("uefi-firmware", options.UefiFirmware)
            : Check.Fail("uefi-firmware", $"{options.UefiFirmware} not found", "pkg install bhyve-firmware"));

        report.Checks.Add(File.Exists(options.DiskImage)
            ? Check.Ok("guest-image", options.DiskImage)
            : Check.Fail("guest-image", $"{options.DiskImage} not found", $"install the WifiBridge guest image or set disk_image in {options.ConfigPath}"));

        var cloners = await runner.RunAsync("ifconfig", ["-C"], ct).ConfigureAwait(false);
        var hasTap = cloners.Succeeded && cloners.Stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains("tap");
        report.Checks.Add(hasTap
            ? Check.Ok("tap", "the tap interface cloner is available")
            : Check.Fail("tap", "no tap interface cloner (ifconfig -C)", "kldload if_tuntap && sysrc kld_list+=if_tuntap"));
        return report;
    }

    private async Task<DoctorCheck> IommuAsync(bool vmmLoaded, CancellationToken ct)
    {
        var model = await runner.RunAsync("sysctl", ["-n", "hw.model"], ct).ConfigureAwait(false);
        var amd = model.Stdout.Contains("AMD", StringComparison.OrdinalIgnoreCase);
        var oid = amd ? "hw.vmm.amdvi.enable" : "hw.vmm.iommu.enable";
        var value = await runner.RunAsync("sysctl", ["-n", oid], ct).ConfigureAwait(false);
        if (value.Succeeded && value.Stdout.Trim() == "1")
            return Check.Ok("iommu", $"{oid}=1 ({(amd ? "AMD-Vi" : "Intel VT-d")})");
        if (!value.Succeeded && !vmmLoaded)
            return Check.Fail("iommu", $"cannot check: {oid} exists only once the vmm module is loaded",
                "kldload vmm, then run wbhost doctor again");
        var detail = value.Succeeded ? $"{oid}={value.Stdout.Trim()}" : $"{oid} is not available ({value.Stderr.Trim()})";
        return Check.Fail("iommu", detail + "; PCI passthrough needs the IOMMU",
            $"enable {(amd ? "AMD-Vi/IOMMU" : "VT-d")} in the firmware setup, then: echo '{oid}=1' >> /boot/loader.conf and reboot");
    }

    private DoctorCheck NativeDriverKeptOff(PciDevice card)
    {
        var pptdevs = "";
        try
        {
            foreach (var line in File.ReadLines(options.LoaderConf))
            {
                var t = line.Trim();
                if (t.StartsWith("pptdevs", StringComparison.Ordinal) && t.Contains('='))
                    pptdevs = t[(t.IndexOf('=') + 1)..].Trim().Trim('"');
            }
        }
        catch (IOException) { }
        return pptdevs.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains(card.Address.ToString())
            ? Check.Ok("native-driver", $"pptdevs in {options.LoaderConf} reserves {card.Address} for ppt at boot")
            : Check.Warn("native-driver", $"{card.Address} is not in pptdevs of {options.LoaderConf}: the native driver can take the card at boot or after resume",
                $"sysrc -f {options.LoaderConf} pptdevs+=\"{card.Address}\"");
    }
}
