using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost networks list | forget SSID | priority SSID N | autoconnect SSID yes|no`: the saved networks.</summary>
internal static class NetworksCommand
{
    public const string Usage = "wbhost networks list | forget SSID | priority SSID N | autoconnect SSID yes|no  (SSID may be --ssid-hex HEX)";

    public static Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var hex = args.Option("--ssid-hex");
        var verb = args.NextPositional() ?? "list";
        if (verb is not ("list" or "ls"))
            return ChangeAsync(context, args, verb, hex);
        args.EnsureNothingLeft(Usage);
        return context.ReadAndShow("ListNetworks", new ListNetworksRequest(), ListNetworksResponse.Parser, list =>
        {
            Print(context, list);
            return ExitCode.Ok;
        });
    }

    private static async Task<int> ChangeAsync(CliContext context, ArgumentReader args, string verb, string? hex)
    {
        switch (verb)
        {
            case "forget" or "rm":
            {
                var ssid = SsidArgument.From(args.NextPositional(), hex, "wbhost networks forget SSID");
                args.EnsureNothingLeft(Usage);
                var list = await context.Daemon.ForgetNetworkAsync(new NetworkRef { Ssid = ssid }, context.Call()).ConfigureAwait(false);
                if (context.Options.Json)
                    JsonOutput.Write(context.Out, list);
                else
                    context.Out.Write($"Forgot {SsidText.Quoted(ssid)}\n");
                return ExitCode.Ok;
            }
            case "priority":
            {
                var ssid = SsidArgument.From(hex is null ? args.NextPositional() : null, hex, "wbhost networks priority SSID N");
                var priority = IntegerArgument.Parse(args.RequirePositional("priority", "wbhost networks priority SSID N"), "priority");
                args.EnsureNothingLeft(Usage);
                var saved = await context.Daemon.UpdateNetworkAsync(new UpdateNetworkRequest { Ssid = ssid, Priority = priority }, context.Call()).ConfigureAwait(false);
                Print(context, saved);
                return ExitCode.Ok;
            }
            case "autoconnect":
            {
                var ssid = SsidArgument.From(hex is null ? args.NextPositional() : null, hex, "wbhost networks autoconnect SSID yes|no");
                var on = args.RequirePositional("yes or no", "wbhost networks autoconnect SSID yes|no") switch
                {
                    "yes" or "on" or "true" => true,
                    "no" or "off" or "false" => false,
                    _ => throw CliException.BadInput("autoconnect takes yes or no; usage: wbhost networks autoconnect SSID yes|no"),
                };
                args.EnsureNothingLeft(Usage);
                var saved = await context.Daemon.UpdateNetworkAsync(new UpdateNetworkRequest { Ssid = ssid, Autoconnect = on }, context.Call()).ConfigureAwait(false);
                Print(context, saved);
                return ExitCode.Ok;
            }
            default:
                throw CliException.BadInput($"unknown networks command '{TerminalText.Sanitize(verb)}'; usage: {Usage}");
        }
    }

    private static void Print(CliContext context, ListNetworksResponse list)
    {
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, list);
            return;
        }
        var table = new TextTable("SSID", "SECURITY", "PASSPHRASE", "HIDDEN", "PRIORITY", "AUTOCONNECT", "BSSID", "LAST-CONNECTED");
        foreach (var network in list.Networks)
        {
            table.Add(
                SsidText.Display(network.Ssid),
                WifiFormat.Security(network.Security),
                network.HasPassphrase ? "saved" : "--",
                network.Hidden ? "yes" : "no",
                network.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
                network.Autoconnect ? "yes" : "no",
                network.Bssid.Length == 0 ? "--" : TerminalText.Sanitize(network.Bssid),
                TimeFormat.DateTime(network.LastConnectedUnixMs));
        }
        table.Write(context.Out, context.Options.Terse);
    }

    private static void Print(CliContext context, SavedNetwork saved)
    {
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, saved);
            return;
        }
        context.Out.Write($"{SsidText.Quoted(saved.Ssid)}: priority {saved.Priority}, autoconnect {(saved.Autoconnect ? "yes" : "no")}\n");
    }
}
