namespace WifiBridge.HostController.Vm;

/// <summary>One hypervisor (bhyve in production, QEMU for the lab) behind the same small surface; chosen by
/// config. The supervisor owns the process lifecycle; the driver knows the hypervisor's specifics.</summary>
public interface IVmDriver
{
    /// <summary>"bhyve" or "qemu".</summary>
    string Name { get; }

    /// <summary>Host-side setup before each start (e.g. attach the card to ppt, remove stale sockets);
    /// returns the argv to run (program first).</summary>
    Task<IReadOnlyList<string>> PrepareAsync(CancellationToken ct);

    /// <summary>Host-side cleanup after the VM is gone (e.g. destroy the vmm instance, give the card back).</summary>
    Task CleanupAsync(CancellationToken ct);

    /// <summary>What an exit status means for this hypervisor.</summary>
    VmExit ClassifyExit(int? exitCode);

    /// <summary>Forces a VM that ignored the graceful stop off (bhyvectl --force-poweroff / --destroy, or SIGKILL).</summary>
    Task ForceStopAsync(int pid, CancellationToken ct);

    /// <summary>True when a process command line is this driver's VM (guards re-attach against pid reuse).</summary>
    bool IsOurVm(string commandLine);
}
