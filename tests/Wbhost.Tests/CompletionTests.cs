using System.Diagnostics;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>`wbhost completion bash` is valid bash and completes commands, options and SSIDs.</summary>
public sealed class CompletionTests(FakeDaemon daemon) : IClassFixture<FakeDaemon>
{
    private async Task<string> Script(string shell)
    {
        var result = await CliRun.InProcessAsync(daemon.SocketPath, ["completion", shell]);
        Assert.Equal(0, result.ExitCode);
        return result.Stdout;
    }

    [Fact]
    public async Task BashScriptPassesBashN()
    {
        var path = Path.Combine(daemon.Directory, "wbhost.bash");
        await File.WriteAllTextAsync(path, await Script("bash"));
        var (exit, output) = await Run("bash", "-n", path);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task ZshScriptPassesZshN()
    {
        Assert.True(File.Exists("/usr/bin/zsh") || File.Exists("/bin/zsh"), "zsh is needed for this test: apt-get install zsh (scripts/install-deps.sh)");
        var path = Path.Combine(daemon.Directory, "wbhost.zsh");
        await File.WriteAllTextAsync(path, await Script("zsh"));
        var (exit, output) = await Run("zsh", "-n", path);
        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("wbhost sc", "scan")]
    [InlineData("wbhost vm re", "restart")]
    [InlineData("wbhost networks f", "forget")]
    [InlineData("wbhost connect --as", "--ask")]
    [InlineData("wbhost connect Cof", "CoffeeShop")]
    [InlineData("wbhost networks forget Ho", "Home:5G")]
    [InlineData("wbhost connect --security wpa2-", "wpa2-wpa3")]
    public async Task BashCompletes(string line, string expected)
    {
        daemon.Reset();
        var script = Path.Combine(daemon.Directory, "wbhost.bash");
        await File.WriteAllTextAsync(script, await Script("bash"));
        // A stand-in `wbhost` on PATH so the script's `wbhost __complete` reaches the fake daemon.
        var bin = Path.Combine(daemon.Directory, "bin");
        Directory.CreateDirectory(bin);
        var shim = Path.Combine(bin, "wbhost");
        await File.WriteAllTextAsync(shim, $"#!/bin/sh\nexec '{CliProcess.DotnetPath()}' '{CliProcess.CliDll}' --socket '{daemon.SocketPath}' --timeout 30 \"$@\"\n");
        File.SetUnixFileMode(shim, (UnixFileMode)0b111_101_101);
        var words = line.Split(' ');
        var driver = $$"""
            export PATH='{{bin}}':$PATH
            source '{{script}}'
            COMP_WORDS=({{string.Join(' ', words.Select(w => "'" + w + "'"))}})
            COMP_CWORD={{words.Length - 1}}
            COMP_LINE='{{line}}'
            COMP_POINT={{line.Length}}
            _wbhost
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var (exit, output) = await Run("bash", "--norc", "-c", driver);
        Assert.True(exit == 0, output);
        if (!output.Split('\n').Contains(expected))
        {
            var (_, direct) = await Run(shim, "__complete", line.Contains("networks") ? "saved" : "ssids");
            Assert.Fail($"'{line}' did not complete to '{expected}'; got:\n{output}\n`wbhost __complete` printed:\n{direct}");
        }
    }

    private static async Task<(int, string)> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout.WithTimeout() + await stderr.WithTimeout());
    }
}
