namespace WifiBridge.HostController.Vm;

public enum VmExitKind
{
    /// <summary>The guest rebooted: start it again at once.</summary>
    Reboot,
    /// <summary>Powered off or halted: stay stopped.</summary>
    Stopped,
    /// <summary>Triple fault, hypervisor error, killed: restart with backoff.</summary>
    Crash,
}
