using System.Diagnostics;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>Runs the built wbhost as a real process (framework-dependent, as on FreeBSD): `dotnet wbhost.dll ARGS`.</summary>
internal static class CliProcess
{
    /// <summary>
    /// The CLI in its own output folder (src/Wbhost/bin/CONFIG/net9.0), built with the tests: the
    /// copy next to the tests would resolve assemblies through the test's ASP.NET framework.
    /// </summary>
    public static string CliDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
            var path = Path.Combine(Golden.RepositoryRoot(), "src", "Wbhost", "bin", configuration, "net9.0", "wbhost.dll");
            Assert.True(File.Exists(path), $"the built CLI is missing at {path}; build it with: dotnet build src/Wbhost -c {configuration}");
            return path;
        }
    }

    public static async Task<CliResult> RunAsync(string? socketPath, IEnumerable<string> args, string? stdin = null, string? runAsUser = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null)
        {
            start.FileName = "setpriv";
            foreach (var a in new[] { $"--reuid={runAsUser}", $"--regid={runAsUser}", "--clear-groups", "--", DotnetPath() })
                start.ArgumentList.Add(a);
        }
        else
            start.FileName = DotnetPath();
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("WBHOST_SOCKET");
        if (socketPath is not null)
            start.Environment["WBHOST_SOCKET"] = socketPath;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin).WithTimeout();
        process.StandardInput.Close();
        await process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(60));
        return new CliResult(process.ExitCode, await stdout.WithTimeout(), await stderr.WithTimeout());
    }

    public static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
