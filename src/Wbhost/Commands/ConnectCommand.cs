using Grpc.Core;
using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>
/// `wbhost connect SSID`: streams the daemon's progress to stderr and ends with the outcome.
/// The passphrase comes from --ask (masked prompt), --passphrase-file, --passphrase, or stdin
/// when stdin is not a terminal; it is never printed.
/// </summary>
internal static class ConnectCommand
{
    public const string Usage =
        "wbhost connect SSID|--ssid-hex HEX [--ask | --passphrase-file FILE | --passphrase PASS] [--hidden] [--bssid BSSID] "
        + "[--security open|wpa2|wpa3|wpa2-wpa3|owe] [--priority N] [--no-save] [--wait SECONDS]";

    public static async Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var ask = args.Flag("--ask");
        var hidden = args.Flag("--hidden");
        var noSave = args.Flag("--no-save");
        var passphraseArgument = args.Option("--passphrase", "-p");
        var passphraseFile = args.Option("--passphrase-file");
        var bssid = args.Option("--bssid");
        var security = args.Option("--security");
        var priority = args.Option("--priority");
        var wait = args.Option("--wait");
        var hex = args.Option("--ssid-hex");
        var ssid = SsidArgument.From(args.NextPositional(), hex, Usage);
        args.EnsureNothingLeft(Usage);

        var request = new HostConnectRequest
        {
            Ssid = ssid,
            Hidden = hidden,
            NoSave = noSave,
            Bssid = bssid is null ? "" : BssidArgument.Parse(bssid),
            Security = security is null ? Security.Unspecified : SecurityArgument.Parse(security),
            Priority = priority is null ? 0 : IntegerArgument.Parse(priority, "--priority"),
            TimeoutMs = wait is null ? 0 : (uint)(IntegerArgument.Parse(wait, "--wait", 1, 600) * 1000),
        };
        var passphrase = PassphraseSource.Resolve(context, ask, passphraseArgument, passphraseFile, SsidText.Quoted(ssid));
        if (passphrase is not null)
            request.Passphrase = passphrase;

        var callTimeout = TimeSpan.FromMilliseconds(request.TimeoutMs == 0 ? 30_000 : request.TimeoutMs) + TimeSpan.FromSeconds(30);
        using var call = context.Daemon.Connect(request, context.Call(callTimeout));
        ConnectResult? result = null;
        await foreach (var progress in call.ResponseStream.ReadAllAsync(context.Cancellation).ConfigureAwait(false))
        {
            if (progress.Result is not null)
            {
                result = progress.Result;
                break;
            }
            var stage = TerminalText.Sanitize(progress.Stage);
            var message = TerminalText.Sanitize(progress.Message);
            await context.Err.WriteAsync(message.Length > 0 ? $"{stage}: {message}\n" : $"{stage}...\n").ConfigureAwait(false);
            await context.Err.FlushAsync().ConfigureAwait(false);
        }
        if (result is null)
            throw new CliException(ExitCode.Error, "wbhostd ended the connection attempt without a result; see: wbhost status");
        return Report(context, ssid, result);
    }

    private static int Report(CliContext context, Google.Protobuf.ByteString ssid, ConnectResult result)
    {
        if (context.Options.Json)
            JsonOutput.Write(context.Out, result);
        var detail = TerminalText.Sanitize(result.Detail);
        var name = SsidText.Quoted(ssid);
        if (result.Outcome == ConnectOutcome.Connected)
        {
            if (!context.Options.Json)
            {
                var status = result.Status ?? new LinkStatus();
                var address = status.Lease?.AddressCidr is { Length: > 0 } cidr ? $"; address {TerminalText.Sanitize(cidr)}" : "";
                context.Out.Write($"Connected to {name} {StatusCommand.Details(status)}{address}\n");
            }
            return ExitCode.Ok;
        }
        var (code, what) = result.Outcome switch
        {
            ConnectOutcome.WrongPassphrase => (ExitCode.ActivationFailed, $"wrong passphrase; try again with: wbhost connect {ShellWord.Quote(SsidText.Display(ssid))} --ask"),
            ConnectOutcome.NetworkNotFound => (ExitCode.NotFound, "network not found; check the name with: wbhost scan --rescan (use --hidden for a hidden network)"),
            ConnectOutcome.AssociationRejected => (ExitCode.ActivationFailed, "the access point rejected the association"),
            ConnectOutcome.Timeout => (ExitCode.Timeout, "timed out; move closer or retry with a longer --wait"),
            ConnectOutcome.NoLease => (ExitCode.ActivationFailed, "associated, but got no DHCP lease from the network"),
            _ => (ExitCode.Error, "the attempt failed"),
        };
        context.Err.Write($"wbhost: connecting to {name} failed: {what}{(detail.Length > 0 ? $" ({detail})" : "")}\n");
        return code;
    }
}
