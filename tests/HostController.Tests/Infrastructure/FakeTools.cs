namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>The fake FreeBSD tools of tests/fakes, with their scenario directory and call log.</summary>
public sealed class FakeTools
{
    public FakeTools(TestDirectory dir)
    {
        ScenarioDir = dir.Sub("fake");
        LogPath = Path.Combine(dir.Path, "fake-calls.log");
        File.WriteAllText(LogPath, "");
    }

    public string ScenarioDir { get; }
    public string LogPath { get; }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["PATH"] = RepoPaths.Fakes + ":" + System.Environment.GetEnvironmentVariable("PATH"),
        ["WB_FAKE_DIR"] = ScenarioDir,
        ["WB_FAKE_LOG"] = LogPath,
    };

    public IReadOnlyList<string> Calls => File.ReadAllLines(LogPath);

    public IReadOnlyList<string> CallsOf(string tool) => Calls.Where(l => l == tool || l.StartsWith(tool + " ", StringComparison.Ordinal)).ToList();

    public void Set(string relativePath, string content)
    {
        var path = Path.Combine(ScenarioDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string? Read(string relativePath)
    {
        var path = Path.Combine(ScenarioDir, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Kills the fake bhyve if it still runs (tests must not leave processes behind).</summary>
    public void KillVm()
    {
        if (Read("bhyve.pid") is { } text && int.TryParse(text.Trim(), out var pid))
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }
}
