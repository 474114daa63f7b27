using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Processes;

namespace WifiBridge.HostController.Vm;

/// <summary>bhyve (FreeBSD): devctl ppt attach/detach around the run, bhyve's exit codes, bhyvectl to force off.</summary>
public sealed class BhyveDriver(DaemonOptions options, IProcessRunner runner, WifiDeviceResolver devices, ILogger<BhyveDriver> logger) : IVmDriver
{
    private PciDevice? _card;

    public string Name => "bhyve";

    public async Task<IReadOnlyList<string>> PrepareAsync(CancellationToken ct)
    {
        if (!File.Exists(options.UefiFirmware))
            throw new VmConfigurationException($"UEFI firmware {options.UefiFirmware} not found; install it with: pkg install bhyve-firmware (or set uefi_firmware in {options.ConfigPath})");
        if (!File.Exists(options.DiskImage))
            throw new VmConfigurationException($"guest disk image {options.DiskImage} not found; install the WifiBridge guest image or set disk_image in {options.ConfigPath}");
        var card = await devices.ResolveAsync(ct).ConfigureAwait(false);
        _card = card;
        if (!card.AttachedToPpt)
        {
            VmLog.AttachingPpt(logger, card.Address.ToString(), card.Driver);
            var r = await runner.RunAsync("devctl", ["set", "driver", "-f", card.Address.DevctlName, "ppt"], ct).ConfigureAwait(false);
            if (!r.Succeeded)
                throw new VmConfigurationException(
                    $"cannot attach the Wi-Fi card {card.Address} ({card.Driver}) to ppt: {r.Stderr.Trim()}; load vmm (kldload vmm) and check IOMMU support with: wbhost doctor");
        }
        if (Directory.Exists("/dev/vmm") && File.Exists(Path.Combine("/dev/vmm", options.VmName)))
            await runner.RunAsync("bhyvectl", ["--vm=" + options.VmName, "--destroy"], ct).ConfigureAwait(false);
        return BhyveCommandLine.Build(options, card.Address);
    }

    public async Task CleanupAsync(CancellationToken ct)
    {
        // bhyve leaves the vmm instance behind on exit; destroying it frees the wired memory.
        await runner.RunAsync("bhyvectl", ["--vm=" + options.VmName, "--destroy"], ct).ConfigureAwait(false);
        if (_card is { } card && !card.AttachedToPpt)
        {
            var r = await runner.RunAsync("devctl", ["clear", "driver", "-f", card.Address.DevctlName], ct).ConfigureAwait(false);
            if (!r.Succeeded) VmLog.DetachFailed(logger, card.Address.ToString(), r.Stderr.Trim());
        }
    }

    public VmExit ClassifyExit(int? exitCode) => exitCode switch
    {
        0 => new VmExit(VmExitKind.Reboot, "exit 0 (reboot)"),
        1 => new VmExit(VmExitKind.Stopped, "exit 1 (powered off)"),
        2 => new VmExit(VmExitKind.Stopped, "exit 2 (halted)"),
        3 => new VmExit(VmExitKind.Crash, "exit 3 (triple fault)"),
        4 => new VmExit(VmExitKind.Crash, "exit 4 (bhyve error)"),
        null => new VmExit(VmExitKind.Crash, "exit status unknown (the run script is gone)"),
        > 128 => new VmExit(VmExitKind.Crash, $"killed by signal {exitCode - 128}"),
        _ => new VmExit(VmExitKind.Crash, $"exit {exitCode}"),
    };

    public async Task ForceStopAsync(int pid, CancellationToken ct)
    {
        await runner.RunAsync("bhyvectl", ["--vm=" + options.VmName, "--force-poweroff"], ct).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        await runner.RunAsync("bhyvectl", ["--vm=" + options.VmName, "--destroy"], ct).ConfigureAwait(false);
    }

    public bool IsOurVm(string commandLine)
        => commandLine.Contains("bhyve", StringComparison.Ordinal)
           && commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w == options.VmName || w == options.VmName + " (bhyve)" || w.TrimEnd(':') == options.VmName);
}
