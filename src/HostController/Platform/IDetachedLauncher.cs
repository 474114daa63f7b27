namespace WifiBridge.HostController.Platform;

/// <summary>Starts a program in its own session, re-parented to init, so that it outlives wbhostd
/// (boundary: spawned processes). Returns once the launcher itself has exited.</summary>
public interface IDetachedLauncher
{
    Task LaunchAsync(string program, IReadOnlyList<string> args, CancellationToken ct);
}
