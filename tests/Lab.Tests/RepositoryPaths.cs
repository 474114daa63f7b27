namespace WifiBridge.Lab.Tests;

/// <summary>Where the repository and its lab scripts are, found from the test binary upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string LabDirectory => Path.Combine(Root, "guest-packaging", "lab");

    public static string GuestPackaging => Path.Combine(Root, "guest-packaging");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WifiBridgeAgents.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"WifiBridgeAgents.sln not found above {AppContext.BaseDirectory}");
    }
}
