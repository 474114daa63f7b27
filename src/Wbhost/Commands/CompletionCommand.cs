using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Completion;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost completion bash|zsh` prints a completion script; `wbhost __complete ssids|saved` feeds it.</summary>
internal static class CompletionCommand
{
    public const string Usage = "wbhost completion bash|zsh";

    public static Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var shell = args.RequirePositional("shell", Usage);
        args.EnsureNothingLeft(Usage);
        switch (shell)
        {
            case "bash":
                context.Out.Write(BashCompletionScript.Text);
                return Task.FromResult(ExitCode.Ok);
            case "zsh":
                context.Out.Write(BashCompletionScript.ZshPrelude + BashCompletionScript.Text);
                return Task.FromResult(ExitCode.Ok);
            default:
                throw CliException.BadInput($"no completion for '{TerminalText.Sanitize(shell)}'; usage: {Usage}");
        }
    }

    /// <summary>Hidden: SSIDs in argument form (display form, which parses back to the same bytes), one per line.</summary>
    public static async Task<int> CompleteAsync(CliContext context, ArgumentReader args)
    {
        var kind = args.RequirePositional("kind", "wbhost __complete ssids|saved");
        args.EnsureNothingLeft("wbhost __complete ssids|saved");
        var call = context.Call(TimeSpan.FromSeconds(3));
        IEnumerable<Google.Protobuf.ByteString> ssids = kind switch
        {
            "ssids" => (await context.Daemon.ScanAsync(new ScanRequest(), call).ConfigureAwait(false)).Bss.Select(b => b.Ssid),
            "saved" => (await context.Daemon.ListNetworksAsync(new ListNetworksRequest(), call).ConfigureAwait(false)).Networks.Select(n => n.Ssid),
            _ => throw CliException.BadInput("usage: wbhost __complete ssids|saved"),
        };
        foreach (var display in ssids.Where(s => !s.IsEmpty).Select(SsidText.Display).Distinct(StringComparer.Ordinal))
            context.Out.Write(display + "\n");
        return ExitCode.Ok;
    }
}
