using System.Net;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Validates an <see cref="UplinkConfig"/> against the interfaces and the uplink lease and
/// computes the NAT plan. Pure: touches nothing, so a refused configuration leaves the
/// running datapath exactly as it was.
/// </summary>
public static class DatapathPlanner
{
    public const int MaxAvoidSubnets = 64;
    public const int DefaultMtu = 1500;

    /// <param name="strict">true for a ConfigureUplink request (a preferred subnet that overlaps the
    /// Wi-Fi network is an error); false when re-planning after a lease change (it is moved instead).</param>
    public static DatapathPlan Plan(UplinkConfig config, string ethInterface, InterfaceInfo? eth, InterfaceInfo? uplink,
        IpConfig? lease, Ipv4Subnet? current, bool strict)
    {
        if (!Enum.IsDefined(config.Mode))
            throw Invalid($"unknown uplink mode {(int)config.Mode}: use UPLINK_MODE_NAT or UPLINK_MODE_BRIDGE");
        if (eth is null)
            throw new UplinkConfigurationException(UplinkErrorKind.FailedPrecondition,
                $"the host-side interface '{UntrustedText.Printable(ethInterface)}' does not exist in the guest: give the VM a virtio-net device or start wbguest with --eth NAME");

        var avoid = new List<Ipv4Subnet>();
        if (config.AvoidSubnetsCidr.Count > MaxAvoidSubnets)
            throw Invalid($"avoid_subnets_cidr has {config.AvoidSubnetsCidr.Count} entries; at most {MaxAvoidSubnets} are accepted");
        foreach (var text in config.AvoidSubnetsCidr)
        {
            if (!Ipv4Subnet.TryParse(text, requireNetworkAddress: false, out var s, out var error))
                throw Invalid($"avoid_subnets_cidr: {error}");
            avoid.Add(s);
        }

        Ipv4Subnet? upstream = null;
        if (lease is not null && Ipv4Subnet.TryParse(lease.AddressCidr, requireNetworkAddress: false, out var up, out _))
            upstream = up;

        Ipv4Subnet? preferred = null;
        if (config.PreferredSubnetCidr.Length > 0)
        {
            if (!Ipv4Subnet.TryParse(config.PreferredSubnetCidr, requireNetworkAddress: true, out var p, out var error))
                throw Invalid($"preferred_subnet_cidr: {error}");
            if (p.PrefixLength is < 8 or > 30)
                throw Invalid($"preferred_subnet_cidr {p} must have a prefix length between /8 and /30 (the guest and the host each need an address)");
            if (avoid.Where(a => a.Overlaps(p)).Select(a => (Ipv4Subnet?)a).FirstOrDefault() is { } clash)
                throw Invalid($"preferred_subnet_cidr {p} overlaps {clash} from avoid_subnets_cidr: pick a subnet outside it or leave preferred_subnet_cidr empty to choose automatically");
            if (upstream is { } u && u.Overlaps(p))
            {
                if (strict)
                    throw Invalid($"preferred_subnet_cidr {p} overlaps the Wi-Fi network {u}: pick another subnet or leave it empty to choose automatically");
            }
            else
                preferred = p;
        }

        var mtu = (int)config.Mtu;
        if (mtu == 0)
            mtu = Math.Min(uplink?.Mtu is > 0 and var m ? m : DefaultMtu, DefaultMtu);
        else if (mtu is < 576 or > 9000)
            throw Invalid($"mtu {config.Mtu} is out of range: use 576..9000, or 0 for automatic");
        if (config.Ipv6 && mtu < 1280)
            throw Invalid($"mtu {mtu} is below IPv6's minimum of 1280: raise it or disable ipv6");

        var allAvoid = upstream is { } us ? avoid.Append(us).ToList() : avoid;
        var subnet = preferred ?? EthSubnetChooser.Choose(current, allAvoid)
            ?? throw Invalid("no free subnet for the guest-host link: every candidate overlaps avoid_subnets_cidr or the Wi-Fi network; set preferred_subnet_cidr");

        var dns = (lease?.DnsServers ?? []).Where(d => IPAddress.TryParse(d, out _)).Distinct().Take(4).ToList();
        var hasGlobalV6 = lease?.Ipv6AddressesCidr.Count > 0;
        return new DatapathPlan
        {
            RequestedMode = config.Mode == UplinkMode.Unspecified ? UplinkMode.Nat : config.Mode,
            ActiveMode = UplinkMode.Nat,
            EthInterface = eth.Name,
            UplinkInterface = uplink?.Name,
            EthSubnet = subnet,
            DnsServers = dns,
            Domain = UntrustedText.IsDomainName(lease?.Domain) ? lease!.Domain : null,
            Ipv6 = config.Ipv6 ? Ipv6Prefix.UniqueLocalFor(eth.MacAddress) : null,
            Ipv6DefaultRoute = config.Ipv6 && hasGlobalV6,
            Mtu = mtu,
        };
    }

    private static UplinkConfigurationException Invalid(string message) => new(UplinkErrorKind.InvalidArgument, message);
}
