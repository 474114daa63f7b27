using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>
/// The guest's real command runner, except that nft refuses any ruleset with a flowtable the way
/// it does on a kernel built without nf_flow_table (the error text is nft's for a missing module).
/// </summary>
public sealed class KernelWithoutFlowtables(ICommandRunner real) : ICommandRunner
{
    public int Refused { get; private set; }

    public Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(executable) == "nft" && arguments.Count > 0 && File.Exists(arguments[^1])
            && File.ReadAllText(arguments[^1]).Contains("flowtable", StringComparison.Ordinal))
        {
            Refused++;
            return Task.FromResult(new CommandResult($"{executable} {string.Join(' ', arguments)}", 1, "",
                $"{arguments[^1]}:5:13-20: Error: Could not process rule: No such file or directory\n\tflowtable fastpath {{\n\t          ^^^^^^^^\n"));
        }
        return real.RunAsync(executable, arguments, standardInput, timeout, cancellationToken);
    }

    public IRunningCommand Start(string executable, IReadOnlyList<string> arguments, Action<string> onOutputLine)
        => real.Start(executable, arguments, onOutputLine);
}
