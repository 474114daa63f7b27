namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>Compares generated text with tests/HostController.Tests/Golden/NAME; WB_UPDATE_GOLDEN=1 rewrites the file.</summary>
public static class Golden
{
    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(RepoPaths.Golden, name);
        if (Environment.GetEnvironmentVariable("WB_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(RepoPaths.Golden);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; create it with WB_UPDATE_GOLDEN=1");
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual,
            $"{name} differs from the golden file (regenerate with WB_UPDATE_GOLDEN=1 if the change is intended)\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}
