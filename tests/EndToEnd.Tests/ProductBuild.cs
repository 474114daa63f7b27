namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// wbhostd and wbhost published framework-dependent (as they run on FreeBSD) into
/// artifacts/e2e, once per test run.
/// </summary>
public static class ProductBuild
{
    private static readonly Lazy<Task<(string Daemon, string Cli)>> Publish = new(PublishAsync);

    public static Task<(string Daemon, string Cli)> EnsurePublishedAsync() => Publish.Value;

    private static async Task<(string, string)> PublishAsync()
    {
        var outRoot = Path.Combine(RepositoryPaths.Root, "artifacts", "e2e");
        async Task<string> One(string project, string name)
        {
            var output = Path.Combine(outRoot, name);
            var result = await ProcessRunner.RunAsync("dotnet",
                ["publish", Path.Combine(RepositoryPaths.Root, "src", project), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"],
                TimeSpan.FromMinutes(10));
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"dotnet publish src/{project} failed:\n{result.Output}");
            return Path.Combine(output, name + ".dll");
        }
        var daemon = await One("HostController", "wbhostd");
        var cli = await One("Wbhost", "wbhost");
        return (daemon, cli);
    }
}
