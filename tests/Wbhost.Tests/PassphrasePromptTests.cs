using System.Diagnostics;
using System.Text;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>
/// `connect --ask` on a real pseudo-terminal (util-linux script(1)): the prompt appears, the
/// typed passphrase reaches the daemon and is never echoed to the terminal.
/// </summary>
public sealed class PassphrasePromptTests(FakeDaemon daemon) : IClassFixture<FakeDaemon>
{
    [Fact]
    public async Task AskPromptsOnTheTerminalWithoutEchoingThePassphrase()
    {
        Assert.True(File.Exists("/usr/bin/script"), "script(1) from util-linux (bsdutils) is needed to drive a pseudo-terminal: apt-get install bsdutils");
        var state = daemon.Reset();
        var command = $"exec {Quote(CliProcess.DotnetPath())} {Quote(CliProcess.CliDll)} --socket {Quote(daemon.SocketPath)} connect CoffeeShop --ask";
        var start = new ProcessStartInfo("script", ["-q", "-e", "-c", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var transcript = new StringBuilder();
        var sawPrompt = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            var buffer = new char[256];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (transcript)
                {
                    transcript.Append(buffer, 0, read);
                    if (transcript.ToString().Contains("Passphrase for \"CoffeeShop\": "))
                        sawPrompt.TrySetResult();
                }
            }
        });
        try
        {
            await sawPrompt.Task.WithTimeout(TimeSpan.FromSeconds(30));
            await process.StandardInput.WriteAsync("pty-secret-789\n").WithTimeout();
            await process.StandardInput.FlushAsync().WithTimeout();
            await process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(30));
            await reader.WithTimeout();
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        var output = transcript.ToString();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}; transcript:\n{output}");
        Assert.Equal("pty-secret-789", Assert.Single(state.ConnectRequests).Passphrase);
        Assert.DoesNotContain("pty-secret", output);
        Assert.Contains("Connected to \"CoffeeShop\"", output);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
