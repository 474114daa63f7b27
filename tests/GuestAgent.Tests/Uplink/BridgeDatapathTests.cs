using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>
/// Bridge mode's success path with the real datapath code in the guest namespace: the veth "wlan0"
/// plays a station whose driver and AP accept 4-address frames (iw is a stand-in that says yes,
/// <see cref="FourAddressIwStandIn"/>), so the real bridge, DHCP through it and the host's traffic run.
/// What this cannot show, 4-address frames on the air, is the lab's job (mac80211_hwsim + hostapd wds_sta).
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class BridgeDatapathTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Bridge_puts_the_host_on_the_upstream_lan_without_nat_and_nat_comes_back_when_asked()
    {
        await using var lab = await NetnsLab.CreateAsync();
        var iw = FourAddressIwStandIn.Create(lab.Directory);
        await using var agent = new DatapathUnderTest(lab, tools: lab.Tools with { Iw = iw.Path });
        await agent.Leases.AcquireAsync("wlan0", Lease, CancellationToken.None).WithTimeout(Lease + TimeSpan.FromSeconds(5));

        var status = await agent.Datapath.ConfigureAsync(new UplinkConfig { Mode = UplinkMode.Bridge }, CancellationToken.None)
            .WithTimeout(BridgeUplink.LinkCheckTimeout + TimeSpan.FromSeconds(30));
        Assert.Equal(UplinkMode.Bridge, status.ActiveMode);
        Assert.Equal("", status.FallbackReason);
        Assert.Equal(["dev wlan0 set 4addr on"], iw.Calls);
        // The guest's own address now comes from the upstream DHCP server THROUGH the bridge.
        Assert.Equal(BridgeUplink.BridgeName, agent.Leases.Interface);
        Assert.StartsWith("192.168.50.", agent.Leases.Current!.AddressCidr);
        Assert.Equal(NetnsLab.UpstreamDns, status.DnsServers);
        // "2: eth0@if2: <BROADCAST,...": the name up to '@' (veth peer) or ':'.
        var ports = (await lab.InNs(lab.GuestNs, "/usr/sbin/ip", "-o", "link", "show", "master", BridgeUplink.BridgeName)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1].Split('@', ':')[0]).Order().ToList();
        Assert.Equal(["eth0", "wlan0"], ports);
        Assert.DoesNotContain("inet ", await lab.GuestAddressesAsync("wlan0"));
        Assert.DoesNotContain("inet ", await lab.GuestAddressesAsync("eth0"));
        var ruleset = await lab.GuestRulesetAsync();
        Assert.DoesNotContain("masquerade", ruleset);
        Assert.DoesNotContain("chain forward", ruleset);

        // The host is a member of the upstream LAN: its lease, router and DNS are the upstream's.
        var hostLease = await lab.HostDhcpAsync().WithTimeout();
        Assert.StartsWith("192.168.50.", hostLease["ip"]);
        Assert.Equal("192.168.50.1", hostLease["router"]);
        Assert.Equal(string.Join(' ', NetnsLab.UpstreamDns), hostLease["dns"].Trim());
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout());
        // No NAT: the upstream server saw the host's own address.
        await NetnsLab.WaitUntilAsync(() => Task.FromResult(lab.HttpLog.Any(l => l.Contains("page.txt") && l.Contains(hostLease["ip"]))),
            "the upstream server did not see the host's own address");

        // Back to NAT: bridge gone, 4-address mode off, the uplink leased again, the host behind NAT.
        status = await agent.Datapath.ConfigureAsync(new UplinkConfig { Mode = UplinkMode.Nat }, CancellationToken.None).WithTimeout(TimeSpan.FromSeconds(60));
        Assert.Equal(UplinkMode.Nat, status.ActiveMode);
        Assert.Equal(["dev wlan0 set 4addr on", "dev wlan0 set 4addr off"], iw.Calls);
        Assert.False((await lab.InNs(lab.GuestNs, "/usr/sbin/ip", "link", "show", "dev", BridgeUplink.BridgeName)).Succeeded);
        Assert.Equal("wlan0", agent.Leases.Interface);
        Assert.Equal("10.77.0.2", (await lab.HostDhcpAsync().WithTimeout())["ip"]);
        Assert.Equal(NetnsLab.PageText, await lab.HostFetchAsync("http://192.168.50.1:8080/page.txt").WithTimeout());
        Assert.Empty(agent.Errors);
    }
}
