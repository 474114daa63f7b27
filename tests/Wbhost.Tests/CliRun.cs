using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Cli.Terminal;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>The outcome of one wbhost run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The form stored in golden files.</summary>
    public string Transcript => $"$ exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>Runs the CLI in-process against a socket, with captured output, a fixed clock and a scripted prompt.</summary>
internal static class CliRun
{
    public static async Task<CliResult> InProcessAsync(string socketPath, string[] args, string? stdin = null,
        IPassphrasePrompt? prompt = null, List<(string, IReadOnlyList<string>)>? spawned = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = await CliApp.RunAsync(args, options => new CliContext
        {
            Out = stdout,
            Err = stderr,
            OpenInput = () => new StringReader(stdin ?? ""),
            InputIsTerminal = () => stdin is null,
            Prompt = prompt ?? new ScriptedPrompt(null),
            Clock = new FixedClock(),
            RunInteractive = (program, arguments) =>
            {
                spawned?.Add((program, arguments));
                return 0;
            },
            Options = options,
        }, () => socketPath).WithTimeout();
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
