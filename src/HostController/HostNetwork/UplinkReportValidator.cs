using System.Net.Sockets;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.HostNetwork;

/// <summary>Validates the (untrusted) guest's uplink report before any of it reaches ifconfig, route or
/// resolvconf: only IP literals, at most <see cref="MaxDnsServers"/> servers, no names, no options.</summary>
public static class UplinkReportValidator
{
    public const int MaxDnsServers = 3; // resolv.conf honours MAXNS = 3

    public static ValidatedUplink Validate(UplinkStatus status)
    {
        var rejected = new List<string>();
        var dns = new List<string>();
        foreach (var s in status.DnsServers.Take(16))
        {
            if (IpLiteral.TryParseAddress(s, out var a) && IpLiteral.IsUsableUnicast(a))
            {
                if (dns.Count < MaxDnsServers && !dns.Contains(a.ToString())) dns.Add(a.ToString());
            }
            else rejected.Add($"dns server {Quote(s)}");
        }
        if (status.DnsServers.Count > 16) rejected.Add($"{status.DnsServers.Count - 16} more dns servers");

        var guest = "";
        if (status.GuestAddress.Length > 0)
        {
            if (IpLiteral.TryParseAddress(status.GuestAddress, out var g) && IpLiteral.IsUsableUnicast(g)) guest = g.ToString();
            else rejected.Add($"guest address {Quote(status.GuestAddress)}");
        }

        var hostCidr = "";
        if (status.HostAddress.Length > 0)
        {
            var prefix = 24;
            if (status.EthSubnetCidr.Length > 0)
            {
                if (IpLiteral.TryParseCidr(status.EthSubnetCidr, out _, out var p)) prefix = p;
                else rejected.Add($"eth subnet {Quote(status.EthSubnetCidr)}");
            }
            if (IpLiteral.TryParseAddress(status.HostAddress, out var h) && IpLiteral.IsUsableUnicast(h)
                && (h.AddressFamily != AddressFamily.InterNetwork || prefix is >= 8 and <= 30))
                hostCidr = $"{h}/{prefix}";
            else rejected.Add($"host address {Quote(status.HostAddress)}");
        }
        return new ValidatedUplink(guest, hostCidr, dns, rejected);
    }

    /// <summary>A bounded, printable rendering of a rejected value for logs (the guest could send anything).</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > 48 ? value[..48] + $"...({value.Length} chars)" : value;
        return "'" + string.Concat(shown.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString())) + "'";
    }
}
