using System.Runtime.CompilerServices;
using System.Text;

namespace WifiBridge.Cli.Tests;

/// <summary>
/// Golden files of CLI output under tests/Wbhost.Tests/golden/NAME.expected. Rewrite them with
/// WB_UPDATE_GOLDEN=1 and review the diff: it is exactly what users will see.
/// </summary>
internal static class Golden
{
    public static string Directory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "golden");

    public static void Verify(string name, CliResult result) => Verify(name, result.Transcript);

    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(Directory(), name + ".expected");
        if (Environment.GetEnvironmentVariable("WB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"missing golden file {path}; create it with WB_UPDATE_GOLDEN=1 dotnet test tests/Wbhost.Tests and review it");
        var expected = File.ReadAllText(path, Encoding.UTF8);
        if (expected != actual)
            Assert.Fail($"output differs from {path} (regenerate with WB_UPDATE_GOLDEN=1 if intended)\n--- expected\n{expected}\n--- actual\n{actual}");
    }

    /// <summary>The repository root (for host-packaging files and the built CLI).</summary>
    public static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
