using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost disconnect`: disconnects and keeps autoconnect off until the next connect/resume.</summary>
internal static class DisconnectCommand
{
    public const string Usage = "wbhost disconnect";

    public static async Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        args.EnsureNothingLeft(Usage);
        var link = await context.Daemon.DisconnectAsync(new DisconnectRequest(), context.Call()).ConfigureAwait(false);
        if (context.Options.Json)
            JsonOutput.Write(context.Out, link);
        else
            context.Out.Write($"Wi-Fi {WifiFormat.LinkState(link.State)}; autoconnect is off until the next 'wbhost connect' or 'wbhost resume'\n");
        return ExitCode.Ok;
    }
}
