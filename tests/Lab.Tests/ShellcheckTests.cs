namespace WifiBridge.Lab.Tests;

/// <summary>Every shell script of the guest packaging passes shellcheck (no VM needed).</summary>
[Trait("Category", "Lab")]
public sealed class ShellcheckTests(ITestOutputHelper output)
{
    public static IReadOnlyList<string> ShellFiles()
    {
        var root = RepositoryPaths.GuestPackaging;
        var lab = RepositoryPaths.LabDirectory;
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith(".initd", StringComparison.Ordinal)
                        || f.EndsWith(".confd", StringComparison.Ordinal) || Path.GetFileName(f) == "APKBUILD"
                        || f.StartsWith(Path.Combine(lab, "rootfs", "etc", "init.d") + "/", StringComparison.Ordinal)
                        || f.StartsWith(Path.Combine(lab, "rootfs", "usr") + "/", StringComparison.Ordinal)
                        || f == Path.Combine(lab, "rootfs", "init") || f == Path.Combine(lab, "stage1", "init"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public async Task All_guest_packaging_shell_scripts_pass_shellcheck()
    {
        Assert.True(LabPrerequisites.OnPath("shellcheck"), "shellcheck is not installed: run sh scripts/install-deps.sh");
        var files = ShellFiles();
        var names = files.Select(f => Path.GetRelativePath(RepositoryPaths.GuestPackaging, f)).ToList();
        output.WriteLine(string.Join('\n', names));
        foreach (var expected in new[] { "alpine/wbguest.initd", "alpine/wbguest.confd", "alpine/APKBUILD", "lab/build-lab-guest.sh",
                     "lab/run-lab-vm.sh", "lab/labctl.sh", "lab/rootfs/init", "lab/stage1/init", "lab/rootfs/etc/init.d/lab-world" })
            Assert.Contains(expected, names);
        var result = await ProcessRunner.RunAsync("shellcheck", ["-x", .. files], TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
