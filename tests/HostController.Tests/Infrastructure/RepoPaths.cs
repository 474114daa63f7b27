namespace WifiBridge.HostController.Tests.Infrastructure;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fakes => Path.Combine(Root, "tests", "fakes");

    /// <summary>Golden files live in the source tree (so WB_UPDATE_GOLDEN=1 rewrites the checked-in copies).</summary>
    public static string Golden => Path.Combine(Root, "tests", "HostController.Tests", "Golden");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WifiBridgeAgents.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (WifiBridgeAgents.sln) above " + AppContext.BaseDirectory);
    }
}
