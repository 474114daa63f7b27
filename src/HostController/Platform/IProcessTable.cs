namespace WifiBridge.HostController.Platform;

/// <summary>Looks at and signals processes that are not our children (the detached VM) — boundary: the OS process table.</summary>
public interface IProcessTable
{
    bool IsAlive(int pid);

    /// <summary>The process's command line (argv joined by spaces), or null when it does not exist.</summary>
    string? CommandLine(int pid);

    /// <summary>Sends a signal; false when the process does not exist.</summary>
    bool Signal(int pid, int signal);
}
