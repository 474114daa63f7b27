using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost scan [--rescan]`: the BSSs the guest sees, nmcli-style.</summary>
internal static class ScanCommand
{
    public const string Usage = "wbhost scan [--rescan] [--json|--terse]";

    public static Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var rescan = args.Flag("--rescan");
        args.EnsureNothingLeft(Usage);
        var request = new ScanRequest { Rescan = rescan };
        return context.ReadAndShow("Scan", request, ScanResponse.Parser, response => Show(context, response), OperationBudgets.CliScan);
    }

    private static int Show(CliContext context, ScanResponse response)
    {
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, response);
            return ExitCode.Ok;
        }
        var table = new TextTable("IN-USE", "SSID", "BSSID", "BAND", "CHAN", "RATE", "SIGNAL", "BARS", "SECURITY");
        foreach (var bss in response.Bss)
        {
            table.Add(
                bss.InUse ? "*" : "",
                SsidText.DisplayOrHidden(bss.Ssid),
                TerminalText.Sanitize(bss.Bssid),
                WifiFormat.Band(bss.Band),
                bss.Channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
                WifiFormat.Rate(bss.MaxRateKbps),
                WifiFormat.Dbm(bss.SignalDbm),
                WifiFormat.Bars(bss.SignalDbm),
                WifiFormat.Security(bss.Security));
        }
        table.Write(context.Out, context.Options.Terse);
        return ExitCode.Ok;
    }
}
