using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost roam [BSSID]`: roams within the current network (to the best other BSS when no BSSID).</summary>
internal static class RoamCommand
{
    public const string Usage = "wbhost roam [BSSID]";

    public static async Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var target = args.NextPositional();
        args.EnsureNothingLeft(Usage);
        var request = new RoamRequest { Bssid = target is null ? "" : BssidArgument.Parse(target) };
        var response = await context.Daemon.RoamAsync(request, context.Call(OperationBudgets.CliRoam)).ConfigureAwait(false);
        if (context.Options.Json)
            JsonOutput.Write(context.Out, response);
        else
            context.Out.Write($"Roamed from {Or(response.FromBssid)} to {Or(response.ToBssid)} ({WifiFormat.Frequency(response.ToFrequencyMhz)}) in {response.InterruptionMs} ms\n");
        return ExitCode.Ok;
    }

    private static string Or(string value) => value.Length == 0 ? "--" : TerminalText.Sanitize(value);
}
