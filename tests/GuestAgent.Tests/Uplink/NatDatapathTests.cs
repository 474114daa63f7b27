using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>
/// The real datapath code in a guest network namespace between a "host" namespace and an
/// "upstream" namespace (DHCP + RA + HTTP). Run as root; a missing prerequisite fails.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NatDatapathTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Nat_host_gets_lease_with_upstream_dns_and_fetches_page_through_the_guest()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await using var agent = new DatapathUnderTest(lab);

        var uplinkLease = await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));
        Assert.StartsWith("192.168.50.", uplinkLease.AddressCidr);
        Assert.EndsWith("/24", uplinkLease.AddressCidr);
        Assert.Equal("192.168.50.1", uplinkLease.Gateway);
        Assert.Equal(NetnsLab.UpstreamDns, uplinkLease.DnsServers);
        Assert.Equal(NetnsLab.UpstreamDomain, uplinkLease.Domain);

        var status = await agent.Datapath.ConfigureAsync(new UplinkConfig { Mode = UplinkMode.Nat }, CancellationToken.None).WithTimeout();
        Assert.Equal(UplinkMode.Nat, status.ActiveMode);
        Assert.Equal("10.77.0.0/24", status.EthSubnetCidr);
        Assert.Equal("10.77.0.1", status.GuestAddress);
        Assert.Equal("10.77.0.2", status.HostAddress);
        Assert.Equal(NetnsLab.UpstreamDns, status.DnsServers);
        Assert.True(status.ForwardingActive);
        Assert.Equal(1500u, status.Mtu);

        var hostLease = await lab.HostDhcpAsync().WithTimeout();
        Assert.Equal("10.77.0.2", hostLease["ip"]);
        Assert.Equal("24", hostLease["mask"]);
        Assert.Equal("10.77.0.1", hostLease["router"]);
        Assert.Equal(string.Join(' ', NetnsLab.UpstreamDns), hostLease["dns"].Trim());
        Assert.Equal(NetnsLab.UpstreamDomain, hostLease["domain"]);
        Assert.Equal("1500", hostLease["mtu"]);

        var body = await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout();
        Assert.Equal(NetnsLab.PageText, body);
        // Masquerade: the upstream server saw the guest's uplink address, never the host's 10.77.0.2.
        var guestUplinkAddress = uplinkLease.AddressCidr.Split('/')[0];
        await NetnsLab.WaitUntilAsync(() => Task.FromResult(lab.HttpLog.Any(l => l.Contains("page.txt"))), "the HTTP server logged no request");
        Assert.Contains(lab.HttpLog, l => l.Contains("page.txt") && l.Contains(guestUplinkAddress));
        Assert.DoesNotContain(lab.HttpLog, l => l.Contains("10.77.0.2"));

        var ruleset = await lab.GuestRulesetAsync();
        Assert.Contains("table inet wifibridge", ruleset);
        Assert.Contains("masquerade", ruleset);
        // The flowtable fast path for eth0 <-> the uplink is there exactly when the kernel offers it
        // (this CI kernel has no nf_flow_table; the lab guest's Debian kernel has: DatapathLabTests).
        var fastPath = await lab.KernelHasFlowtablesAsync();
        Assert.Equal(fastPath, ruleset.Contains("flowtable fastpath", StringComparison.Ordinal));
        Assert.Equal(!fastPath, agent.DatapathLog.Entries.Any(e => e.Message.Contains("nf_flow_table", StringComparison.Ordinal)));
        Assert.Empty(agent.Errors);
    }

    [Fact]
    public async Task Kernel_without_flowtables_gets_the_same_nat_without_the_fast_path_and_a_warning()
    {
        await using var lab = await NetnsLab.CreateAsync();
        var runner = new KernelWithoutFlowtables(lab.GuestRunner);
        await using var agent = new DatapathUnderTest(lab, runner: runner);
        await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));

        var status = await agent.Datapath.ConfigureAsync(new UplinkConfig { Mode = UplinkMode.Nat }, CancellationToken.None).WithTimeout();
        Assert.Equal(UplinkMode.Nat, status.ActiveMode);
        Assert.True(runner.Refused > 0, "the fast path was never tried");
        var ruleset = await lab.GuestRulesetAsync();
        Assert.Contains("masquerade", ruleset);
        Assert.DoesNotContain("flowtable", ruleset);
        Assert.Contains(agent.DatapathLog.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("nf_flow_table", StringComparison.Ordinal));
        await lab.HostDhcpAsync().WithTimeout();
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout());

        // Later configurations do not retry a fast path this kernel refused.
        var refused = runner.Refused;
        await agent.Datapath.ConfigureAsync(new UplinkConfig { Mode = UplinkMode.Nat, Mtu = 1400 }, CancellationToken.None).WithTimeout();
        Assert.Equal(refused, runner.Refused);
    }

    [Fact]
    public async Task Upstream_network_clashing_with_the_host_link_moves_it_and_reports_the_change()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await using var agent = new DatapathUnderTest(lab);
        await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));
        var before = await agent.Datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
        Assert.Equal("10.77.0.0/24", before.EthSubnetCidr);

        // "Roam" to a network that uses 10.77.0.0/16: every 10.77.x.0/24 candidate clashes.
        await lab.StartUpstreamDhcpAsync("10.77.3.1/16").WithTimeout();
        var eventsBefore = agent.StatusEvents.Count;
        var newLease = await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));
        Assert.StartsWith("10.77.", newLease.AddressCidr);
        await NetnsLab.WaitUntilAsync(() => Task.FromResult(agent.Datapath.Status.EthSubnetCidr != "10.77.0.0/24"), "the eth subnet was not moved");
        await agent.Datapath.Idle.WithTimeout();

        var after = agent.Datapath.Status;
        Assert.Equal("172.31.77.0/24", after.EthSubnetCidr);
        Assert.Equal("172.31.77.1", after.GuestAddress);
        Assert.Contains(agent.StatusEvents.Skip(eventsBefore), s => s.EthSubnetCidr == "172.31.77.0/24");
        Assert.Contains(agent.DatapathLog.Entries, e => e.Id.Id == 5013);
        Assert.Contains("inet 172.31.77.1/24", await lab.GuestAddressesAsync("eth0"));
        Assert.DoesNotContain("10.77.0.1", await lab.GuestAddressesAsync("eth0"));

        var hostLease = await lab.HostDhcpAsync().WithTimeout();
        Assert.Equal("172.31.77.2", hostLease["ip"]);
        Assert.Equal("172.31.77.1", hostLease["router"]);
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://10.77.3.1:8080/page.txt").WithTimeout());
        Assert.Empty(agent.Errors);
    }

    [Fact]
    public async Task Bad_configuration_is_refused_with_a_clear_error_and_leaves_the_datapath_unchanged()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await using var agent = new DatapathUnderTest(lab);
        await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));
        await agent.Datapath.ConfigureAsync(new UplinkConfig { Ipv6 = true }, CancellationToken.None).WithTimeout();
        var rulesetBefore = await lab.GuestRulesetAsync();
        // eth0's link-local address is the kernel's, not ours: let its DAD end ("tentative" goes away, slow on a loaded
        // machine) before the snapshot, so the comparison below sees only what the refused configurations might change.
        await NetnsLab.WaitUntilAsync(async () => !(await lab.GuestAddressesAsync("eth0")).Contains("tentative"), "eth0 kept a tentative address");
        var ethBefore = await lab.GuestAddressesAsync("eth0");
        var statusBefore = agent.Datapath.Status;

        (UplinkConfig Config, string Expected)[] bad =
        [
            (new() { PreferredSubnetCidr = "10.9.0.5/24" }, "host bits set: did you mean 10.9.0.0/24"),
            (new() { PreferredSubnetCidr = "300.1.1.0/24" }, "not an IPv4 subnet"),
            (new() { PreferredSubnetCidr = "10.9.0.0/24\n" }, "\\x0a"),
            (new() { PreferredSubnetCidr = "10.9.0.0/31" }, "between /8 and /30"),
            (new() { PreferredSubnetCidr = "192.168.50.0/25" }, "overlaps the Wi-Fi network 192.168.50.0/24"),
            (new() { PreferredSubnetCidr = "10.9.0.0/24", AvoidSubnetsCidr = { "10.0.0.0/8" } }, "overlaps 10.0.0.0/8 from avoid_subnets_cidr"),
            (new() { AvoidSubnetsCidr = { "nonsense" } }, "avoid_subnets_cidr"),
            (new() { Mtu = 100 }, "mtu 100 is out of range"),
            (new() { Mtu = 1000, Ipv6 = true }, "below IPv6's minimum"),
            (new() { Mode = (UplinkMode)9 }, "unknown uplink mode 9"),
        ];
        foreach (var (config, expected) in bad)
        {
            var e = await Assert.ThrowsAsync<UplinkConfigurationException>(() => agent.Datapath.ConfigureAsync(config, CancellationToken.None)).WithTimeout();
            Assert.Equal(UplinkErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(expected, e.Message);
        }

        // Unknown eth interface: a precondition failure naming the fix.
        await using (var wrongEth = new DatapathUnderTest(lab, new AgentOptions { EthInterface = "nosuch0", WlanInterface = "wlan0", RuntimeDirectory = Path.Combine(lab.Directory, "run-wrong") }, removeOnDispose: false))
        {
            var e = await Assert.ThrowsAsync<UplinkConfigurationException>(() => wrongEth.Datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None)).WithTimeout();
            Assert.Equal(UplinkErrorKind.FailedPrecondition, e.Kind);
            Assert.Contains("'nosuch0' does not exist", e.Message);
            Assert.Contains("--eth", e.Message);
        }

        Assert.Equal(rulesetBefore, await lab.GuestRulesetAsync());
        Assert.Equal(ethBefore, await lab.GuestAddressesAsync("eth0"));
        Assert.Equal(statusBefore, agent.Datapath.Status);
        // ... and it still forwards.
        Assert.Equal("10.77.0.2", (await lab.HostDhcpAsync().WithTimeout())["ip"]);
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout());
        Assert.Empty(agent.Errors);
    }

    [Fact]
    public async Task Ipv6_nat66_gives_the_host_a_ula_address_and_reaches_upstream_over_ipv6()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await using var agent = new DatapathUnderTest(lab);
        await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));
        // The uplink learns its global IPv6 address by SLAAC from the upstream RA; the lease reports it.
        await NetnsLab.WaitUntilAsync(() => Task.FromResult(agent.Leases.Current?.Ipv6AddressesCidr.Any(a => a.StartsWith("2001:db8:50:")) == true),
            "the uplink got no IPv6 address from the upstream RA", seconds: 30);
        var status = await agent.Datapath.ConfigureAsync(new UplinkConfig { Ipv6 = true }, CancellationToken.None).WithTimeout();
        Assert.Equal("nat66", status.Ipv6Mode);
        Assert.StartsWith("fd", status.HostIpv6Prefix);
        Assert.EndsWith("::/64", status.HostIpv6Prefix);
        var prefix = status.HostIpv6Prefix[..^"::/64".Length];

        // The host autoconfigures from the guest's RA (SLAAC) and gets a default route.
        await NetnsLab.WaitUntilAsync(async () => (await lab.InNs(lab.HostNs, "/usr/sbin/ip", "-o", "-6", "addr", "show", "dev", "tap0")).StandardOutput
                .Split('\n').Any(l => l.Contains($"inet6 {prefix}:") && !l.Contains("tentative")),
            "the host got no (DAD-complete) address from the guest's router advertisement", seconds: 30);
        await NetnsLab.WaitUntilAsync(async () => (await lab.InNs(lab.HostNs, "/usr/sbin/ip", "-6", "route", "show", "default")).StandardOutput.Contains("via fe80"),
            "the host got no IPv6 default route from the guest", seconds: 30);

        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync($"http://[{NetnsLab.UpstreamIpv6}]:8080/page.txt").WithTimeout());
        var uplinkV6 = agent.Leases.Current!.Ipv6AddressesCidr.First(a => a.StartsWith("2001:db8:50:")).Split('/')[0];
        await NetnsLab.WaitUntilAsync(() => Task.FromResult(lab.HttpLog.Any(l => l.Contains(uplinkV6))), "the upstream server did not see the guest's (masqueraded) IPv6 address");
        Assert.DoesNotContain(lab.HttpLog, l => l.Contains(prefix + ":"));
        Assert.Empty(agent.Errors);
    }

    [Fact]
    public async Task Bridge_requested_without_four_address_support_falls_back_to_nat_and_says_why()
    {
        await using var lab = await NetnsLab.CreateAsync();
        await using var agent = new DatapathUnderTest(lab);
        await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));

        // A veth is no cfg80211 device: the real iw refuses 4-address mode, as a driver without WDS support does.
        var status = await agent.Datapath.ConfigureAsync(new UplinkConfig { Mode = UplinkMode.Bridge }, CancellationToken.None).WithTimeout();
        Assert.Equal(UplinkMode.Bridge, status.RequestedMode);
        Assert.Equal(UplinkMode.Nat, status.ActiveMode);
        Assert.Contains("refused 4-address mode", status.FallbackReason);
        Assert.Contains("nl80211", status.FallbackReason);
        Assert.Contains(agent.DatapathLog.Entries, e => e.Id.Id == 5016);

        var hostLease = await lab.HostDhcpAsync().WithTimeout();
        Assert.Equal("10.77.0.2", hostLease["ip"]);
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout());
        Assert.Empty(agent.Errors);
    }

    [Fact]
    public async Task A_restarted_agent_ends_the_dhcp_server_a_crashed_one_left_behind_and_serves_again()
    {
        await using var lab = await NetnsLab.CreateAsync();
        // Never disposed and never given a lease (so nothing in it wakes up again): stands for an agent that was SIGKILLed.
        var crashed = new DatapathUnderTest(lab);
        await crashed.Datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
        var pidFile = Path.Combine(lab.AgentOptions.RuntimeDirectory, "dnsmasq.pid");
        var oldPid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.True(Directory.Exists($"/proc/{oldPid}"));

        await using var restarted = new DatapathUnderTest(lab);
        await restarted.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));
        var status = await restarted.Datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
        Assert.Equal("10.77.0.0/24", status.EthSubnetCidr);
        Assert.Contains(restarted.DatapathLog.Entries, e => e.Id.Id == 5003 && e.Message.Contains($"dnsmasq pid {oldPid}"));
        await NetnsLab.WaitUntilAsync(() => Task.FromResult(!File.Exists($"/proc/{oldPid}/cmdline") || !File.ReadAllText($"/proc/{oldPid}/cmdline").Contains("dnsmasq")),
            "the left-over dnsmasq is still running");
        Assert.Equal("10.77.0.2", (await lab.HostDhcpAsync().WithTimeout())["ip"]);
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout());
        Assert.Empty(restarted.Errors);
    }
}
