using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost status`: daemon, VM, guest link, Wi-Fi, uplink and host network in one view.</summary>
internal static class StatusCommand
{
    public const string Usage = "wbhost status [--json]";

    public static Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        args.EnsureNothingLeft(Usage);
        return context.ReadAndShow("GetStatus", new HostStatusRequest(), HostStatus.Parser, status => Show(context, status));
    }

    private static int Show(CliContext context, HostStatus status)
    {
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, status);
            return ExitCode.Ok;
        }
        var lines = new KeyValueLines();
        var now = context.Now;
        lines.Add("wbhostd", $"{TerminalText.Sanitize(status.DaemonVersion)}, up {TimeFormat.Age(status.DaemonStartedUnixMs, now)}");
        lines.Add("VM", VmCommand.Summary(status.Vm, now));
        if (status.Vm is { LastError.Length: > 0 })
            lines.Add("VM error", TerminalText.Sanitize(status.Vm.LastError));
        lines.Add("Guest", Guest(status));
        lines.Add("Wi-Fi", Wifi(status.Wifi));
        if (status.Wifi?.Lease is { AddressCidr.Length: > 0 } lease)
            lines.Add("Address", $"{TerminalText.Sanitize(lease.AddressCidr)}, gateway {Or(lease.Gateway)}, DNS {List(lease.DnsServers)}");
        if (status.Uplink is { } uplink && (uplink.EthSubnetCidr.Length > 0 || uplink.ForwardingActive))
            lines.Add("Uplink", Uplink(uplink));
        if (status.HostNetwork is { TapInterface.Length: > 0 } host)
            lines.Add("Host", Host(host));
        lines.Write(context.Out, context.Options.Terse);
        return ExitCode.Ok;
    }

    private static string Guest(HostStatus status)
    {
        var text = WifiFormat.GuestLink(status.Link);
        if (status.Channel.Length > 0)
            text += $" over {TerminalText.Sanitize(status.Channel)}";
        if (status.Guest is { AgentVersion.Length: > 0 } guest)
            text += $" (agent {TerminalText.Sanitize(guest.AgentVersion)}, API {guest.ApiMajor}.{guest.ApiMinor}, kernel {Or(guest.Kernel)})";
        if (status.LinkDetail.Length > 0)
            text += $": {TerminalText.Sanitize(status.LinkDetail)}";
        return text;
    }

    public static string Wifi(LinkStatus? wifi)
    {
        if (wifi is null)
            return "unknown (guest not reachable)";
        var state = WifiFormat.LinkState(wifi.State);
        if (wifi.Ssid.IsEmpty)
            return state;
        var connectedTo = wifi.State == LinkState.Connected ? "connected to" : state + ",";
        return $"{connectedTo} {SsidText.Quoted(wifi.Ssid)} {Details(wifi)}";
    }

    /// <summary>"(bssid, band ch N, signal, rate, security)" of a link.</summary>
    public static string Details(LinkStatus wifi) =>
        $"({Or(wifi.Bssid)}, {WifiFormat.Band(wifi.Band)} ch {wifi.Channel}, "
        + $"{WifiFormat.Dbm(wifi.SignalDbm)}, {WifiFormat.Mbit(wifi.LinkSpeedMbps)}, {WifiFormat.Security(wifi.Security)})";

    private static string Uplink(UplinkStatus uplink)
    {
        var text = $"{WifiFormat.UplinkMode(uplink.ActiveMode)} on {Or(uplink.EthInterface)} {Or(uplink.EthSubnetCidr)}";
        if (uplink.FallbackReason.Length > 0)
            text += $" (bridge unavailable: {TerminalText.Sanitize(uplink.FallbackReason)})";
        text += uplink.ForwardingActive ? ", forwarding" : ", NOT forwarding";
        if (uplink.DnsServers.Count > 0)
            text += $", DNS {List(uplink.DnsServers)}";
        return text;
    }

    private static string Host(HostNetworkStatus host)
    {
        var text = $"{TerminalText.Sanitize(host.TapInterface)} {Or(host.AddressCidr)}, gateway {Or(host.Gateway)}";
        if (host.DefaultRoute)
            text += " (default route)";
        if (host.DnsServers.Count > 0)
            text += $", DNS {List(host.DnsServers)}";
        return text;
    }

    private static string Or(string value) => value.Length == 0 ? "--" : TerminalText.Sanitize(value);

    private static string List(IEnumerable<string> values) => string.Join(" ", values.Select(v => TerminalText.Sanitize(v)));
}
