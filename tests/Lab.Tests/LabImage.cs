namespace WifiBridge.Lab.Tests;

/// <summary>
/// The lab guest's kernel and initramfs, built (or found up to date) once per test run by
/// guest-packaging/lab/build-lab-guest.sh. tests/run-all.sh builds it before the tests, so here
/// it is normally the quick "up to date" path.
/// </summary>
public static class LabImage
{
    private static readonly Lazy<Task<(string Kernel, string Initramfs)>> Build = new(BuildAsync);

    public static Task<(string Kernel, string Initramfs)> EnsureBuiltAsync() => Build.Value;

    private static async Task<(string, string)> BuildAsync()
    {
        LabPrerequisites.Check();
        var script = Path.Combine(RepositoryPaths.LabDirectory, "build-lab-guest.sh");
        var result = await ProcessRunner.RunAsync("bash", [script, "--quiet"], TimeSpan.FromMinutes(25));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"building the lab guest failed ({script}):\n{result.Output}");
        string Value(string key) =>
            result.Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..]
            ?? throw new InvalidOperationException($"build-lab-guest.sh printed no {key}= line:\n{result.Output}");
        return (Value("kernel"), Value("initramfs"));
    }
}
