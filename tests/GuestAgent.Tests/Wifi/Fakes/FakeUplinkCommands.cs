using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Tests.Wifi.Fakes;

/// <summary>
/// Stands in for the uplink's command runner in fake-socket tests: `ip`/`sysctl` succeed
/// silently; "udhcpc" either is missing (<see cref="DhcpAvailable"/> false) or immediately
/// reports a bound lease through the hook file the real script writes.
/// </summary>
public sealed class FakeUplinkCommands(string runtimeDirectory) : ICommandRunner
{
    public bool DhcpAvailable { get; set; } = true;
    public List<string> Started { get; } = [];

    public Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, CancellationToken cancellationToken)
        => Task.FromResult(new CommandResult($"{executable} {string.Join(' ', arguments)}", 0, "", ""));

    public IRunningCommand Start(string executable, IReadOnlyList<string> arguments, Action<string> onOutputLine)
    {
        if (!DhcpAvailable) throw new ToolNotFoundException(executable, "busybox");
        Started.Add($"{executable} {string.Join(' ', arguments)}");
        File.WriteAllText(Path.Combine(runtimeDirectory, "uplink-lease"),
            "event=bound\nip=192.168.50.23\nsubnet=255.255.255.0\nrouter=192.168.50.1\ndns=192.168.50.1\ndomain=lab\nmtu=\nlease=3600\nend=1\n");
        return new Running();
    }

    private sealed class Running : IRunningCommand
    {
        private readonly TaskCompletionSource<int> _exited = new();
        public int ProcessId => 4242;
        public Task<int> Exited => _exited.Task;
        public Task StopAsync() { _exited.TrySetResult(0); return Task.CompletedTask; }
        public void Dispose() { }
    }
}
