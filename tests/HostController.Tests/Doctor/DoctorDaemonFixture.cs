using WifiBridge.HostController.Tests.Infrastructure;

namespace WifiBridge.HostController.Tests.Doctor;

/// <summary>One wbhostd (bhyve driver, FreeBSD tools faked, no VM) shared by the doctor tests: the doctor runs the
/// tools on every call, so each test sets its scenario in the fakes' directory and files, then asks.</summary>
public sealed class DoctorDaemonFixture : IAsyncLifetime
{
    private readonly TestDirectory _dir = new();

    public DoctorDaemonFixture()
    {
        Fakes = new FakeTools(_dir);
        Paths = DaemonProcess.Configure(_dir, ["autostart = no", "wifi_device = auto"]);
    }

    public FakeTools Fakes { get; }
    public DaemonPaths Paths { get; }
    public string Root => _dir.Path;
    public DaemonProcess Daemon { get; private set; } = null!;
    public CliRunner Cli { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Daemon = await DaemonProcess.StartAsync(Paths, Fakes);
        Cli = new CliRunner(_dir, Paths.Socket);
    }

    /// <summary>Back to a machine where everything is in place: vmm and if_tuntap loaded, Intel VT-d on, the Wi-Fi
    /// card on ppt and reserved in loader.conf, firmware and guest image present, tap cloner available.</summary>
    public void ResetToHealthy()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Fakes.ScenarioDir))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
        Fakes.Set("pciconf.out", PciconfList("ppt0"));
        File.WriteAllText(Paths.LoaderConf, "vmm_load=\"YES\"\npptdevs=\"3/0/0\"\n");
        File.WriteAllText(Paths.UefiFirmware, "fake firmware");
        File.WriteAllText(Paths.DiskImage, "fake disk");
    }

    /// <summary>A laptop's pciconf -l (pciconf(8) -l format) with the Wi-Fi card at 3/0/0 held by <paramref name="wifiDriver"/>
    /// (iwm0 native, ppt0 passed through, none0 detached), or without a Wi-Fi card when null.</summary>
    public static string PciconfList(string? wifiDriver) =>
        "hostb0@pci0:0:0:0:\tclass=0x060000 rev=0x0c hdr=0x00 vendor=0x8086 device=0x3e34 subvendor=0x17aa subdevice=0x2292\n"
        + "vgapci0@pci0:0:2:0:\tclass=0x030000 rev=0x02 hdr=0x00 vendor=0x8086 device=0x3ea0 subvendor=0x17aa subdevice=0x2292\n"
        + "em0@pci0:0:31:6:\tclass=0x020000 rev=0x30 hdr=0x00 vendor=0x8086 device=0x15bc subvendor=0x17aa subdevice=0x2292\n"
        + (wifiDriver is null ? "" : $"{wifiDriver}@pci0:3:0:0:\tclass=0x028000 rev=0x1a hdr=0x00 vendor=0x8086 device=0x2526 subvendor=0x8086 subdevice=0x0014\n")
        + "nvme0@pci0:4:0:0:\tclass=0x010802 rev=0x00 hdr=0x00 vendor=0x144d device=0xa808 subvendor=0x144d subdevice=0xa801\n";

    public async Task DisposeAsync()
    {
        if (Daemon is not null) await Daemon.DisposeAsync();
        _dir.Dispose();
    }
}
