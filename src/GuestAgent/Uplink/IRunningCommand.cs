namespace WifiBridge.GuestAgent.Uplink;

/// <summary>A long-running child process started through <see cref="ICommandRunner.Start"/>.</summary>
public interface IRunningCommand : IDisposable
{
    int ProcessId { get; }

    /// <summary>Completes with the exit code when the process ends.</summary>
    Task<int> Exited { get; }

    /// <summary>Kills the process (and waits for it, bounded).</summary>
    Task StopAsync();
}
