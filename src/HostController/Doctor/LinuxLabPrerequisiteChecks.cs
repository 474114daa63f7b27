using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Processes;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Doctor;

/// <summary>The Linux/QEMU lab: QEMU present, tap support (/dev/net/tun), kernel and initramfs built, KVM (or slow TCG).</summary>
public sealed class LinuxLabPrerequisiteChecks(DaemonOptions options, IProcessRunner runner) : IPrerequisiteChecks
{
    public async Task<DoctorReport> RunAsync(CancellationToken ct)
    {
        var report = new DoctorReport();
        try
        {
            var qemu = await runner.RunAsync(options.QemuBinary, ["--version"], ct).ConfigureAwait(false);
            var first = qemu.Stdout.Split('\n')[0].Trim();
            report.Checks.Add(qemu.Succeeded ? Check.Ok("qemu", first) : Check.Fail("qemu", $"{options.QemuBinary} --version failed", "apt-get install qemu-system-x86"));
        }
        catch (ToolFailedException e)
        {
            report.Checks.Add(Check.Fail("qemu", e.Message, "apt-get install qemu-system-x86"));
        }
        report.Checks.Add(File.Exists("/dev/net/tun")
            ? Check.Ok("tap", "/dev/net/tun present")
            : Check.Fail("tap", "/dev/net/tun missing", "modprobe tun"));
        foreach (var (key, path) in new[] { ("kernel", options.Kernel), ("initramfs", options.Initramfs) })
            report.Checks.Add(path.Length > 0 && File.Exists(path)
                ? Check.Ok(key, path)
                : Check.Fail(key, $"'{path}' not found", $"build the lab guest (guest-packaging/lab) and set {key} in {options.ConfigPath}"));
        report.Checks.Add(File.Exists("/dev/kvm")
            ? Check.Ok("kvm", "/dev/kvm present")
            : Check.Warn("kvm", "no /dev/kvm: QEMU uses software emulation (slow boot)", "enable virtualization or load kvm_intel/kvm_amd"));
        return report;
    }
}
