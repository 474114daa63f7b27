namespace WifiBridge.Lab.Tests;

/// <summary>
/// What can be checked of the Alpine packaging without Alpine's repositories: the APKBUILD is
/// valid shell that defines the package, its -openrc subpackage and the abuild functions, and
/// it installs exactly the initd/confd the lab runs. (abuild itself is not exercised here.)
/// </summary>
[Trait("Category", "Lab")]
public sealed class AlpinePackagingTests(ITestOutputHelper output)
{
    private static string Alpine => Path.Combine(RepositoryPaths.GuestPackaging, "alpine");

    [Fact]
    public async Task APKBUILD_parses_and_defines_the_agent_package_with_an_openrc_subpackage()
    {
        var syntax = await ProcessRunner.RunAsync("sh", ["-n", "APKBUILD"], TimeSpan.FromSeconds(30), null, Alpine);
        Assert.True(syntax.ExitCode == 0, syntax.Output);

        // Source it in a subshell (as abuild does) and print what abuild reads.
        var probe = await ProcessRunner.RunAsync("sh", ["-c",
            "set -e; srcdir=/src; pkgdir=/pkg; . ./APKBUILD; " +
            "printf 'pkgname=%s\\npkgver=%s\\npkgrel=%s\\narch=%s\\nlicense=%s\\nsubpackages=%s\\ndepends=%s\\n' " +
            "\"$pkgname\" \"$pkgver\" \"$pkgrel\" \"$arch\" \"$license\" \"$subpackages\" \"$depends\"; " +
            "for f in build check package; do command -v $f >/dev/null && echo function=$f; done; " +
            "printf 'source=%s\\n' $source"], TimeSpan.FromSeconds(30), null, Alpine);
        output.WriteLine(probe.Output);
        Assert.True(probe.ExitCode == 0, probe.Output);
        Assert.Contains("pkgname=wbguest\n", probe.Output);
        Assert.Matches(@"pkgver=\d+\.\d+\.\d+\n", probe.Output);
        Assert.Matches(@"pkgrel=\d+\n", probe.Output);
        Assert.Contains("subpackages=wbguest-openrc\n", probe.Output);
        Assert.Contains("wpa_supplicant", probe.Output);
        foreach (var f in new[] { "build", "check", "package" })
            Assert.Contains($"function={f}\n", probe.Output);
        Assert.Contains("source=wbguest.initd\n", probe.Output);
        Assert.Contains("source=wbguest.confd\n", probe.Output);
    }

    [Fact]
    public async Task APKBUILD_package_function_installs_the_agent_initd_and_confd()
    {
        var temp = Directory.CreateTempSubdirectory("wb-apk-");
        try
        {
            var src = Directory.CreateDirectory(Path.Combine(temp.FullName, "src"));
            var builddir = Directory.CreateDirectory(Path.Combine(src.FullName, "wifibridge-0", "out"));
            File.WriteAllText(Path.Combine(builddir.FullName, "wbguest"), "#!/bin/sh\n");
            File.Copy(Path.Combine(Alpine, "wbguest.initd"), Path.Combine(src.FullName, "wbguest.initd"));
            File.Copy(Path.Combine(Alpine, "wbguest.confd"), Path.Combine(src.FullName, "wbguest.confd"));
            var pkg = Path.Combine(temp.FullName, "pkg");
            var run = await ProcessRunner.RunAsync("sh", ["-c",
                $"set -e; . ./APKBUILD; srcdir='{src.FullName}'; pkgdir='{pkg}'; builddir='{src.FullName}/wifibridge-0'; package; " +
                $"cd '{pkg}' && find . -type f | sort && stat -c '%a %n' usr/bin/wbguest etc/init.d/wbguest etc/conf.d/wbguest"],
                TimeSpan.FromSeconds(30), null, Alpine);
            output.WriteLine(run.Output);
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("755 usr/bin/wbguest", run.Output);
            Assert.Contains("755 etc/init.d/wbguest", run.Output);
            Assert.Contains("644 etc/conf.d/wbguest", run.Output);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Alpine, "wbguest.initd")), File.ReadAllBytes(Path.Combine(pkg, "etc/init.d/wbguest")));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
