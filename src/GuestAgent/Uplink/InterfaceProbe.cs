using System.Text.RegularExpressions;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Reads interface facts through the command runner (so tests see the namespace's interfaces).</summary>
public sealed partial class InterfaceProbe(ICommandRunner runner, UplinkTools tools)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The interface, or null when it does not exist.</summary>
    public async Task<InterfaceInfo?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!UntrustedText.IsInterfaceName(name)) return null;
        var r = await runner.RunAsync(tools.Ip, ["-o", "link", "show", "dev", name], null, Timeout, cancellationToken).ConfigureAwait(false);
        if (!r.Succeeded) return null;
        var mtu = MtuPattern().Match(r.StandardOutput);
        var mac = MacPattern().Match(r.StandardOutput);
        var flags = FlagsPattern().Match(r.StandardOutput);
        return new InterfaceInfo(name, mtu.Success ? int.Parse(mtu.Groups[1].Value) : 0,
            mac.Success ? mac.Groups[1].Value : "", flags.Success && flags.Groups[1].Value.Split(',').Contains("UP"));
    }

    /// <summary>Global-scope IPv6 addresses (CIDR) of the interface, e.g. learnt by SLAAC on the uplink.</summary>
    public async Task<IReadOnlyList<string>> GlobalIpv6AddressesAsync(string name, CancellationToken cancellationToken)
    {
        var r = await runner.RunAsync(tools.Ip, ["-o", "-6", "addr", "show", "dev", name, "scope", "global"], null, Timeout, cancellationToken).ConfigureAwait(false);
        if (!r.Succeeded) return [];
        return Inet6Pattern().Matches(r.StandardOutput).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@" mtu (\d+)")]
    private static partial Regex MtuPattern();

    [GeneratedRegex(@"link/ether ([0-9a-f]{2}(?::[0-9a-f]{2}){5})")]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"<([A-Z0-9_,-]*)>")]
    private static partial Regex FlagsPattern();

    [GeneratedRegex(@"inet6 ([0-9a-f:]+/\d+)")]
    private static partial Regex Inet6Pattern();
}
