using WifiBridge.HostController.Processes;

namespace WifiBridge.HostController.Platform;

/// <summary>Detaches with the OS's tool: <c>setsid -f</c> (Linux util-linux) or <c>daemon -f</c> (FreeBSD daemon(8));
/// both fork, call setsid(2) and let the parent exit at once.</summary>
public sealed class ToolDetachedLauncher(IProcessRunner runner, string tool, IReadOnlyList<string> toolArgs) : IDetachedLauncher
{
    public static ToolDetachedLauncher ForCurrentOs(IProcessRunner runner) => OperatingSystem.IsFreeBSD()
        ? new ToolDetachedLauncher(runner, "daemon", ["-f"])
        : new ToolDetachedLauncher(runner, "setsid", ["-f"]);

    public async Task LaunchAsync(string program, IReadOnlyList<string> args, CancellationToken ct)
    {
        var argv = new List<string>(toolArgs) { program };
        argv.AddRange(args);
        (await runner.RunAsync(tool, argv, ct).ConfigureAwait(false)).EnsureSuccess();
    }
}
