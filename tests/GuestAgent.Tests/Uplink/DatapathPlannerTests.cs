using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Tests.Uplink;

public sealed class DatapathPlannerTests
{
    private static readonly InterfaceInfo Eth = new("eth0", 1500, "58:9c:fc:00:00:01", true);
    private static readonly InterfaceInfo Wlan = new("wlan0", 1500, "02:00:00:00:00:00", true);
    private static readonly IpConfig Lease = new() { AddressCidr = "192.168.1.23/24", Gateway = "192.168.1.1", DnsServers = { "192.168.1.1", "9.9.9.9" }, Domain = "home.arpa" };

    private static DatapathPlan Plan(UplinkConfig config, IpConfig? lease = null, InterfaceInfo? uplink = null, Ipv4Subnet? current = null, bool strict = true)
        => DatapathPlanner.Plan(config, "eth0", Eth, uplink ?? Wlan, lease ?? Lease, current, strict);

    [Fact]
    public void Default_is_nat_on_an_automatic_subnet_with_the_upstream_dns()
    {
        var p = Plan(new UplinkConfig());
        Assert.Equal(UplinkMode.Nat, p.RequestedMode);
        Assert.Equal(UplinkMode.Nat, p.ActiveMode);
        Assert.Equal("10.77.0.0/24", p.EthSubnet.ToString());
        Assert.Equal("10.77.0.1", p.GuestAddress.ToString());
        Assert.Equal("10.77.0.2", p.HostAddress.ToString());
        Assert.Equal(["192.168.1.1", "9.9.9.9"], p.DnsServers);
        Assert.Equal("home.arpa", p.Domain);
        Assert.Equal(1500, p.Mtu);
        Assert.Null(p.Ipv6);
    }

    [Fact]
    public void Automatic_mtu_follows_a_smaller_uplink()
        => Assert.Equal(1400, Plan(new UplinkConfig(), uplink: Wlan with { Mtu = 1400 }).Mtu);

    [Fact]
    public void Ipv6_prefix_is_a_stable_ula_derived_from_the_eth_mac()
    {
        var a = Plan(new UplinkConfig { Ipv6 = true });
        var b = Plan(new UplinkConfig { Ipv6 = true });
        Assert.Equal(a.Ipv6, b.Ipv6);
        Assert.StartsWith("fd", a.Ipv6!.ToString());
        Assert.EndsWith(":1::/64", a.Ipv6.ToString());
        Assert.Equal("nat66", a.Ipv6Mode);
        Assert.False(a.Ipv6DefaultRoute); // the lease has no global IPv6: no default route is advertised
        var lease6 = Lease.Clone();
        lease6.Ipv6AddressesCidr.Add("2001:db8::5/64");
        Assert.True(Plan(new UplinkConfig { Ipv6 = true }, lease6).Ipv6DefaultRoute);
    }

    [Fact]
    public void Preferred_subnet_overlapping_the_wifi_network_is_an_error_on_request_but_moved_on_a_roam()
    {
        var config = new UplinkConfig { PreferredSubnetCidr = "192.168.1.0/24" };
        var e = Assert.Throws<UplinkConfigurationException>(() => Plan(config));
        Assert.Equal(UplinkErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("overlaps the Wi-Fi network 192.168.1.0/24", e.Message);
        Assert.Equal("10.77.0.0/24", Plan(config, strict: false).EthSubnet.ToString());
    }

    [Fact]
    public void Hostile_lease_values_are_dropped()
    {
        var lease = new IpConfig { AddressCidr = "192.168.1.23/24", DnsServers = { "1.1.1.1; rm -rf /", "192.168.1.1" }, Domain = "evil\nlocal" };
        var p = Plan(new UplinkConfig(), lease);
        Assert.Equal(["192.168.1.1"], p.DnsServers);
        Assert.Null(p.Domain);
    }

    [Fact]
    public void Missing_eth_interface_is_a_failed_precondition_naming_the_fix()
    {
        var e = Assert.Throws<UplinkConfigurationException>(() => DatapathPlanner.Plan(new UplinkConfig(), "eth9", null, Wlan, Lease, null, true));
        Assert.Equal(UplinkErrorKind.FailedPrecondition, e.Kind);
        Assert.Contains("--eth", e.Message);
    }

    [Fact]
    public void Too_many_avoid_subnets_are_refused()
    {
        var config = new UplinkConfig();
        config.AvoidSubnetsCidr.AddRange(Enumerable.Range(0, 65).Select(i => $"10.{i}.0.0/16"));
        Assert.Contains("at most 64", Assert.Throws<UplinkConfigurationException>(() => Plan(config)).Message);
    }

    [Fact]
    public void Status_reports_mode_subnet_addresses_dns_and_mtu()
    {
        var s = Plan(new UplinkConfig { Mode = UplinkMode.Nat, Ipv6 = true }).ToStatus(forwardingActive: true);
        Assert.Equal("10.77.0.0/24", s.EthSubnetCidr);
        Assert.Equal("10.77.0.1", s.GuestAddress);
        Assert.Equal("10.77.0.2", s.HostAddress);
        Assert.Equal(1500u, s.Mtu);
        Assert.Equal("nat66", s.Ipv6Mode);
        Assert.True(s.ForwardingActive);
        Assert.Equal(["192.168.1.1", "9.9.9.9"], s.DnsServers);
    }
}
