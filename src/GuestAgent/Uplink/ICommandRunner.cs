namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// The one boundary through which the datapath touches the system: every `nft`, `ip`,
/// `sysctl`, `iw`, `dnsmasq` and `udhcpc` goes through it. Production runs the tools
/// directly; tests run the same code inside a network namespace with a runner that
/// prefixes `ip netns exec NAME`. Arguments are passed as a list (no shell), so nothing
/// from the network is ever interpreted by a shell.
/// </summary>
public interface ICommandRunner
{
    /// <summary>Runs a tool to completion; never throws for a non-zero exit (see <see cref="CommandResult"/>).
    /// Throws <see cref="ToolNotFoundException"/> when the executable does not exist and
    /// <see cref="TimeoutException"/> when it does not finish within <paramref name="timeout"/> (it is killed).</summary>
    Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, string? standardInput,
        TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Starts a long-running tool (dnsmasq, udhcpc) whose standard error lines go to <paramref name="onOutputLine"/>.</summary>
    IRunningCommand Start(string executable, IReadOnlyList<string> arguments, Action<string> onOutputLine);
}
