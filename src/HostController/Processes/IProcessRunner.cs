namespace WifiBridge.HostController.Processes;

/// <summary>Runs an external tool to completion (boundary: spawned processes). Arguments are passed
/// as an argv vector, never through a shell. Secrets must never be passed as arguments.</summary>
public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct = default, string? stdin = null);
}
