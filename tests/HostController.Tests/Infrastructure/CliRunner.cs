using System.Diagnostics;

namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>Runs the real wbhost CLI (framework-dependent: dotnet wbhost.dll) against a daemon, optionally as
/// another uid/gid through setpriv(1). The CLI's build output is copied into the test directory (0755 dirs,
/// 0644 files) so that an unprivileged uid can read it wherever the repository lives.</summary>
public sealed class CliRunner
{
    private readonly string _dll;
    private readonly string _socket;

    public CliRunner(TestDirectory dir, string socket)
    {
        _socket = socket;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var built = Path.Combine(RepoPaths.Root, "src", "Wbhost", "bin", configuration, "net9.0");
        Assert.True(File.Exists(Path.Combine(built, "wbhost.dll")), $"the built CLI is missing in {built}; build it with: dotnet build src/Wbhost -c {configuration}");
        var copy = dir.Sub("cli");
        foreach (var file in Directory.GetFiles(built))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)), overwrite: true);
        _dll = Path.Combine(copy, "wbhost.dll");
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>Fails with the fix when an unprivileged uid could not run dotnet at all (the runtime must be
    /// world-readable/executable: /usr/share/dotnet or /usr/lib/dotnet).</summary>
    public static void AssertDotnetUsableByOthers()
    {
        var dotnet = new FileInfo(Dotnet());
        var real = dotnet.LinkTarget is null ? dotnet.FullName : dotnet.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        for (var d = new DirectoryInfo(Path.GetDirectoryName(real)!); d is not null; d = d.Parent)
            Assert.True((d.UnixFileMode & UnixFileMode.OtherExecute) != 0, $"{d.FullName} is not searchable by other users, so setpriv'd test processes cannot run {real}; fix with: chmod o+x {d.FullName}");
        Assert.True((File.GetUnixFileMode(real) & UnixFileMode.OtherExecute) != 0, $"{real} is not executable by other users; fix with: chmod o+rx {real}");
    }

    /// <summary>Runs wbhost ARGS; with <paramref name="asUser"/> (setpriv arguments such as "--reuid=65534",
    /// "--regid=47101", "--clear-groups") as that identity.</summary>
    public async Task<Result> RunAsync(IEnumerable<string> args, params string[] asUser)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (asUser.Length > 0)
        {
            psi.FileName = "setpriv";
            foreach (var a in asUser) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(Dotnet());
        }
        else psi.FileName = Dotnet();
        psi.ArgumentList.Add(_dll);
        psi.ArgumentList.Add("--socket");
        psi.ArgumentList.Add(_socket);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = "/nonexistent";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment.Remove("WBHOST_SOCKET");
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(60));
        return new Result(p.ExitCode, await stdout.WithTimeout(), await stderr.WithTimeout());
    }

    private static string Dotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "dotnet"))) return Path.Combine(dir, "dotnet");
        throw new InvalidOperationException("dotnet is not on PATH");
    }
}
