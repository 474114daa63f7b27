using System.Runtime.CompilerServices;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>
/// The generated nft ruleset and dnsmasq configuration, compared with golden files under
/// Uplink/Golden (a diff in review shows exactly what lands on the guest). Regenerate with
/// WB_REGENERATE_GOLDEN=1. That the kernel and dnsmasq accept them is proven by the netns tests.
/// </summary>
public sealed class GeneratedConfigGoldenTests
{
    private static readonly IpConfig Lease = new()
    {
        AddressCidr = "192.168.1.23/24", Gateway = "192.168.1.1", DnsServers = { "192.168.1.1", "2001:db8::53" }, Domain = "home.arpa",
        Ipv6AddressesCidr = { "2001:db8::23/64" },
    };

    private static DatapathPlan Plan(UplinkConfig config) => DatapathPlanner.Plan(config, "eth0",
        new InterfaceInfo("eth0", 1500, "58:9c:fc:00:00:01", true), new InterfaceInfo("wlan0", 1500, "02:00:00:00:00:00", true), Lease, null, true);

    [Fact]
    public void Nat_with_ipv6_ruleset() => Golden("nat-ipv6.nft", NftRulesetBuilder.Build(Plan(new UplinkConfig { Ipv6 = true })));

    [Fact]
    public void Nat_ipv4_only_ruleset() => Golden("nat-ipv4.nft", NftRulesetBuilder.Build(Plan(new UplinkConfig())));

    [Fact]
    public void Bridge_ruleset_has_no_nat() => Golden("bridge.nft",
        NftRulesetBuilder.Build(Plan(new UplinkConfig()) with { ActiveMode = UplinkMode.Bridge, BridgeInterface = BridgeUplink.BridgeName }));

    [Fact]
    public void Dnsmasq_config_with_ipv6() => Golden("nat-ipv6.dnsmasq.conf",
        DnsmasqConfigBuilder.Build(Plan(new UplinkConfig { Ipv6 = true, Mtu = 1400 }), "/run/wbguest/dnsmasq.leases", "/run/wbguest/dnsmasq.pid"));

    [Fact]
    public void Dnsmasq_config_without_upstream_dns_sends_none()
    {
        var plan = Plan(new UplinkConfig()) with { DnsServers = [] };
        Golden("nat-no-dns.dnsmasq.conf", DnsmasqConfigBuilder.Build(plan, "/run/wbguest/dnsmasq.leases", "/run/wbguest/dnsmasq.pid"));
    }

    [Fact]
    public void Interface_names_that_could_break_the_ruleset_are_refused()
        => Assert.Throws<ArgumentException>(() => NftRulesetBuilder.Build(Plan(new UplinkConfig()) with { EthInterface = "eth0\" accept #" }));

    private static void Golden(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);
        if (Environment.GetEnvironmentVariable("WB_REGENERATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"golden file {path} is missing: run the tests once with WB_REGENERATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
