using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Platform;

namespace WifiBridge.HostController.Vm;

/// <summary>QEMU (the Linux lab): same responsibilities as bhyve. QEMU reboots the guest in-process, so
/// exit 0 means powered off; anything else is a crash.</summary>
public sealed class QemuDriver(DaemonOptions options, IProcessTable processes) : IVmDriver
{
    public string Name => "qemu";

    public Task<IReadOnlyList<string>> PrepareAsync(CancellationToken ct)
    {
        foreach (var (key, path) in new[] { ("kernel", options.Kernel), ("initramfs", options.Initramfs) })
            if (!File.Exists(path))
                throw new VmConfigurationException($"{key} {path} not found; build the lab guest (guest-packaging/lab) or set {key} in {options.ConfigPath}");
        var kvm = options.QemuAccel switch
        {
            "kvm" => true,
            "tcg" => false,
            _ => KvmUsable(),
        };
        return Task.FromResult(QemuCommandLine.Build(options, kvm));
    }

    public Task CleanupAsync(CancellationToken ct) => Task.CompletedTask;

    public VmExit ClassifyExit(int? exitCode) => exitCode switch
    {
        0 => new VmExit(VmExitKind.Stopped, "exit 0 (powered off)"),
        null => new VmExit(VmExitKind.Crash, "exit status unknown (the run script is gone)"),
        > 128 => new VmExit(VmExitKind.Crash, $"killed by signal {exitCode - 128}"),
        _ => new VmExit(VmExitKind.Crash, $"exit {exitCode} (qemu error)"),
    };

    public Task ForceStopAsync(int pid, CancellationToken ct)
    {
        processes.Signal(pid, PosixSignals.SigKill);
        return Task.CompletedTask;
    }

    public bool IsOurVm(string commandLine)
        => commandLine.Contains("qemu", StringComparison.Ordinal) && commandLine.Contains("-name " + options.VmName + ",", StringComparison.Ordinal);

    /// <summary>/dev/kvm can exist where the CPU offers no virtualization (nested sandboxes): then
    /// QEMU's KVM accelerator fails or hangs, so "auto" also requires vmx/svm in /proc/cpuinfo.</summary>
    private static bool KvmUsable()
    {
        if (!File.Exists("/dev/kvm")) return false;
        try
        {
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
            return flags.Split(' ').Any(f => f is "vmx" or "svm");
        }
        catch (IOException) { return false; }
    }
}
