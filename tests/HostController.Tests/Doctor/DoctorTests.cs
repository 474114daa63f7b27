using System.Text.Json;
using WifiBridge.HostController.Tests.Infrastructure;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Doctor;

/// <summary>wbhost doctor end to end: each FreeBSD prerequisite check passing and failing, with the real wbhostd
/// running the fake FreeBSD tools (tests/fakes, real output formats), through the gRPC API and the real CLI
/// (the table, --json, and the exit status: 1 when a check fails, 0 with warnings only).</summary>
public sealed class DoctorTests(DoctorDaemonFixture f) : IClassFixture<DoctorDaemonFixture>
{
    public static TheoryData<string> Scenarios() => new(ScenarioSetups.Keys);

    private static readonly Dictionary<string, (Action<DoctorDaemonFixture> Setup, string Check, CheckResult Result, string Detail, string Fix)> ScenarioSetups = new()
    {
        ["vmm loaded"] = (_ => { }, "vmm", CheckResult.Ok, "the vmm kernel module is loaded", ""),
        ["vmm missing"] = (x => x.Fakes.Set("kldstat.modules", "if_tuntap\n"), "vmm", CheckResult.Fail, "the vmm kernel module is not loaded", "kldload vmm && sysrc -f /boot/loader.conf vmm_load=YES"),
        ["intel iommu on"] = (_ => { }, "iommu", CheckResult.Ok, "hw.vmm.iommu.enable=1 (Intel VT-d)", ""),
        ["intel iommu off"] = (x => x.Fakes.Set("sysctl/hw.vmm.iommu.enable", "0\n"), "iommu", CheckResult.Fail,
            "hw.vmm.iommu.enable=0; PCI passthrough needs the IOMMU", "enable VT-d in the firmware setup, then: echo 'hw.vmm.iommu.enable=1' >> /boot/loader.conf and reboot"),
        ["amd iommu on"] = (x => { Amd(x); x.Fakes.Set("sysctl/hw.vmm.amdvi.enable", "1\n"); }, "iommu", CheckResult.Ok, "hw.vmm.amdvi.enable=1 (AMD-Vi)", ""),
        ["amd iommu off"] = (Amd, "iommu", CheckResult.Fail, "hw.vmm.amdvi.enable=0; PCI passthrough needs the IOMMU",
            "enable AMD-Vi/IOMMU in the firmware setup, then: echo 'hw.vmm.amdvi.enable=1' >> /boot/loader.conf and reboot"),
        ["iommu unknown without vmm"] = (x => x.Fakes.Set("kldstat.modules", "if_tuntap\n"), "iommu", CheckResult.Fail,
            "cannot check: hw.vmm.iommu.enable exists only once the vmm module is loaded", "kldload vmm, then run wbhost doctor again"),
        ["wifi card found"] = (_ => { }, "wifi-device", CheckResult.Ok, "ppt0 at 3/0/0 (vendor 0x8086, device 0x2526)", ""),
        ["wifi card missing"] = (x => x.Fakes.Set("pciconf.out", DoctorDaemonFixture.PciconfList(null)), "wifi-device", CheckResult.Fail,
            "no Wi-Fi card (class=0x028000) in pciconf -l", "enable the card in the firmware setup; list candidates with: pciconf -l | grep class=0x028000"),
        ["ppt attached"] = (_ => { }, "ppt", CheckResult.Ok, "3/0/0 is attached to ppt0", ""),
        ["ppt detached card"] = (x => x.Fakes.Set("pciconf.out", DoctorDaemonFixture.PciconfList("none0")), "ppt", CheckResult.Ok, "3/0/0 has no driver; wbhostd attaches ppt at VM start", ""),
        ["ppt held by native driver"] = (x => x.Fakes.Set("pciconf.out", DoctorDaemonFixture.PciconfList("iwm0")), "ppt", CheckResult.Warn,
            "3/0/0 is held by the native driver iwm0", "wbhostd detaches it at VM start (devctl set driver -f pci0:3:0:0 ppt)"),
        ["ppt unavailable without vmm"] = (x => { x.Fakes.Set("kldstat.modules", "if_tuntap\n"); x.Fakes.Set("pciconf.out", DoctorDaemonFixture.PciconfList("iwm0")); }, "ppt", CheckResult.Fail,
            "3/0/0 cannot be attached to ppt: the ppt driver comes with the vmm module, which is not loaded", "kldload vmm"),
        ["native driver kept off"] = (_ => { }, "native-driver", CheckResult.Ok, "reserves 3/0/0 for ppt at boot", ""),
        ["native driver not kept off"] = (x => File.WriteAllText(x.Paths.LoaderConf, "vmm_load=\"YES\"\nif_iwm_load=\"YES\"\n"), "native-driver", CheckResult.Warn,
            "3/0/0 is not in pptdevs of", "pptdevs+=\"3/0/0\""),
        ["uefi firmware present"] = (_ => { }, "uefi-firmware", CheckResult.Ok, "BHYVE_UEFI.fd", ""),
        ["uefi firmware missing"] = (x => File.Delete(x.Paths.UefiFirmware), "uefi-firmware", CheckResult.Fail, "BHYVE_UEFI.fd not found", "pkg install bhyve-firmware"),
        ["guest image present"] = (_ => { }, "guest-image", CheckResult.Ok, "guest.img", ""),
        ["guest image missing"] = (x => File.Delete(x.Paths.DiskImage), "guest-image", CheckResult.Fail, "guest.img not found", "install the WifiBridge guest image or set disk_image in"),
        ["tap available"] = (_ => { }, "tap", CheckResult.Ok, "the tap interface cloner is available", ""),
        ["tap missing"] = (x => x.Fakes.Set("ifconfig.cloners", "bridge epair gif gre lagg lo stf vlan vxlan\n"), "tap", CheckResult.Fail,
            "no tap interface cloner (ifconfig -C)", "kldload if_tuntap && sysrc kld_list+=if_tuntap"),
    };

    private static void Amd(DoctorDaemonFixture x) => x.Fakes.Set("sysctl/hw.model", "AMD Ryzen 7 PRO 4750U with Radeon Graphics\n");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task EachCheckPassesAndFailsThroughTheApiAndTheCli(string scenario)
    {
        var (setup, name, result, detail, fix) = ScenarioSetups[scenario];
        f.ResetToHealthy();
        setup(f);

        // The daemon API.
        var report = await f.Daemon.Client().DoctorAsync(new DoctorRequest());
        var check = report.Checks.SingleOrDefault(c => c.Name == name);
        Assert.True(check is not null, $"no '{name}' check in: {report}");
        Assert.True(check.Result == result, $"{scenario}: expected {result}, got {check}");
        Assert.Contains(detail, check.Detail);
        if (result == CheckResult.Ok) Assert.Equal("", check.Fix);
        else Assert.Contains(fix, check.Fix);
        var anyFailed = report.Checks.Any(c => c.Result == CheckResult.Fail);

        // The CLI table: the line, the fix under it for a non-passing check, the summary and the exit status.
        var table = await f.Cli.RunAsync(["doctor"]);
        Assert.True(table.ExitCode == (anyFailed ? 1 : 0), table.ToString());
        var tag = result switch { CheckResult.Ok => "[ ok ]", CheckResult.Warn => "[WARN]", _ => "[FAIL]" };
        var lines = table.Stdout.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith($"{tag} {name}: ", StringComparison.Ordinal));
        Assert.True(at >= 0, $"no '{tag} {name}:' line in:\n{table.Stdout}");
        Assert.Contains(detail, lines[at]);
        if (result != CheckResult.Ok) Assert.StartsWith("       fix: ", lines[at + 1]);
        if (result != CheckResult.Ok) Assert.Contains(fix, lines[at + 1]);
        Assert.Contains(anyFailed ? "checks failed: apply the fixes above" : "checks passed", table.Stdout);

        // --json: the daemon's message, same exit status.
        var json = await f.Cli.RunAsync(["--json", "doctor"]);
        Assert.True(json.ExitCode == (anyFailed ? 1 : 0), json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var entry = doc.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        Assert.Equal("CHECK_RESULT_" + result.ToString().ToUpperInvariant(), entry.GetProperty("result").GetString());
        Assert.Equal(check.Detail, entry.GetProperty("detail").GetString());
        Assert.Equal(check.Fix, entry.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task HealthyAndBrokenMachinesPrintTheGoldenTables()
    {
        f.ResetToHealthy();
        var healthy = await f.Cli.RunAsync(["doctor"]);
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Golden.Verify("doctor-healthy.txt", healthy.Stdout.Replace(f.Root, "$DIR"));

        // Everything wrong at once: AMD without AMD-Vi is unknown too since vmm is missing, no tap, no firmware...
        Amd(f);
        f.Fakes.Set("kldstat.modules", "if_tuntap\n");
        f.Fakes.Set("pciconf.out", DoctorDaemonFixture.PciconfList("iwm0"));
        f.Fakes.Set("ifconfig.cloners", "bridge lo\n");
        File.WriteAllText(f.Paths.LoaderConf, "");
        File.Delete(f.Paths.UefiFirmware);
        File.Delete(f.Paths.DiskImage);
        var broken = await f.Cli.RunAsync(["doctor"]);
        Assert.True(broken.ExitCode == 1, broken.ToString());
        Assert.Equal("", broken.Stderr);
        Golden.Verify("doctor-broken.txt", broken.Stdout.Replace(f.Root, "$DIR"));
        f.Daemon.AssertNoUnexpectedErrors();
    }
}
