using Google.Protobuf;
using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Lab.Tests;

/// <summary>
/// The uplink datapath over real hwsim Wi-Fi: the agent associates with a lab AP, the host
/// configures NAT over the link, and the host side (the lab VM's tap, moved into a private
/// network namespace so the CI machine's own routes are never touched) gets its address from
/// the guest's DHCP server, with the AP network's DNS, and fetches the world's page through
/// the guest. Then a "roam" to WB-Clash (10.0.0.0/24) forces the host link off that subnet.
/// Bridge mode: over WB-Bridge (hostapd wds_sta=1) the station sends real 4-address frames and the
/// host joins the AP's LAN itself.
/// </summary>
[Collection(LabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class DatapathLabTests(LabVm lab, ITestOutputHelper output)
{
    private const string WorldPage = "http://198.51.100.1/index.html";

    [Fact]
    public async Task Nat_over_hwsim_wifi_serves_the_host_dns_and_forwarding_and_moves_off_a_clashing_network()
    {
        // The agent and its wpa_supplicant (a test before may have stopped the agent to use the radio itself).
        await using var agent = new WifiLabAgent(lab);
        await agent.WaitReadyAsync();
        var (wifi, uplink) = (agent.Wifi, agent.Uplink);
        var hostNs = "wbdl" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var wpa2 = await ConnectAsync(agent, "WB-WPA2", "wifibridge-wpa2");
            Assert.StartsWith("192.168.51.", wpa2.Status.Lease.AddressCidr);

            // The host asks for the subnet WB-Clash uses; fine while we are on WB-WPA2.
            var status = await uplink.ConfigureUplinkAsync(new UplinkConfig { Mode = UplinkMode.Nat, PreferredSubnetCidr = "10.0.0.0/24" },
                deadline: DateTime.UtcNow.AddSeconds(60)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(70));
            output.WriteLine($"configured: {status}");
            Assert.Equal(UplinkMode.Nat, status.ActiveMode);
            Assert.Equal("10.0.0.0/24", status.EthSubnetCidr);
            Assert.Equal(["192.168.51.1"], status.DnsServers);
            // The Debian kernel has nf_flow_table: established flows take the flowtable fast path.
            var rules = await lab.ExecOkAsync("nft list table inet wifibridge");
            Assert.Contains("flowtable fastpath", rules);
            Assert.Contains("flow add @fastpath", rules);

            // A bad configuration is refused over the wire with InvalidArgument and changes nothing.
            var bad = await Assert.ThrowsAsync<RpcException>(() => uplink.ConfigureUplinkAsync(new UplinkConfig { PreferredSubnetCidr = "192.168.51.0/24" },
                deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync).WithTimeout(TimeSpan.FromSeconds(40));
            Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
            Assert.Contains("overlaps the Wi-Fi network", bad.Status.Detail);
            Assert.Equal(status, await uplink.GetUplinkStatusAsync(new GetUplinkStatusRequest()).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(30)));

            await MoveTapIntoAsync(hostNs);
            var lease = await HostDhcpAsync(hostNs);
            Assert.Equal("10.0.0.2", lease["ip"]);
            Assert.Equal("10.0.0.1", lease["router"]);
            Assert.Equal("192.168.51.1", lease["dns"].Trim());
            Assert.Equal("lab.test", lease["domain"]);
            Assert.Contains("wifibridge-lab-world-ok", await HostCurlAsync(hostNs));

            // "Roam" to the network that uses 10.0.0.0/24: the guest moves the host link and says so.
            var clash = await ConnectAsync(agent, "WB-Clash", "wifibridge-clash");
            Assert.StartsWith("10.0.0.", clash.Status.Lease.AddressCidr);
            var moved = await WaitForUplinkAsync(uplink, s => s.EthSubnetCidr != "10.0.0.0/24" && s.EthSubnetCidr.Length > 0);
            output.WriteLine($"moved: {moved}");
            Assert.Equal("10.77.0.0/24", moved.EthSubnetCidr);
            Assert.Equal(["10.0.0.1"], moved.DnsServers);
            var lease2 = await HostDhcpAsync(hostNs);
            Assert.Equal("10.77.0.2", lease2["ip"]);
            Assert.Equal("10.0.0.1", lease2["dns"].Trim());
            Assert.Contains("wifibridge-lab-world-ok", await HostCurlAsync(hostNs));
        }
        finally
        {
            try { await wifi.DisconnectAsync(new DisconnectRequest(), deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(40)); }
            catch (Exception e) { output.WriteLine($"disconnect: {e.Message}"); }
            await ReturnTapAsync(hostNs);
        }
    }

    [Fact]
    public async Task Bridge_over_hwsim_wifi_with_a_wds_ap_puts_the_host_on_the_ap_lan_and_nat_comes_back()
    {
        await using var agent = new WifiLabAgent(lab);
        await agent.WaitReadyAsync();
        var (wifi, uplink) = (agent.Wifi, agent.Uplink);
        var hostNs = "wbdb" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var wds = await ConnectAsync(agent, "WB-Bridge", "wifibridge-wds");
            Assert.StartsWith("192.168.59.", wds.Status.Lease.AddressCidr);

            var status = await uplink.ConfigureUplinkAsync(new UplinkConfig { Mode = UplinkMode.Bridge },
                deadline: DateTime.UtcNow.AddSeconds(90)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(100));
            output.WriteLine($"bridge: {status}");
            Assert.True(status.ActiveMode == UplinkMode.Bridge, $"bridge mode fell back: {status.FallbackReason}\n{await WdsDiagnosticsAsync()}");
            Assert.Equal("", status.FallbackReason);
            Assert.Equal(["192.168.59.1"], status.DnsServers);
            // The station really sends 4-address frames: on the first one, hostapd gave it its own
            // AP_VLAN (ap-wds.staN) and put it in the AP's LAN bridge.
            Assert.Contains("4addr: on", await lab.ExecOkAsync("iw dev wlan0 info"));
            Assert.Matches(@"ap-wds\.sta\d+", await lab.ExecOkAsync("ip -n world -o link show master br-wds"));
            var guestPorts = await lab.ExecOkAsync("ip -o link show master wbbr0");
            Assert.Contains(": eth0:", guestPorts);
            Assert.Contains(": wlan0:", guestPorts);
            Assert.DoesNotContain("masquerade", await lab.ExecOkAsync("nft list table inet wifibridge"));

            // The host gets its address from the world's dnsmasq through the bridge, and the world's page.
            await MoveTapIntoAsync(hostNs);
            var lease = await HostDhcpAsync(hostNs);
            output.WriteLine($"host lease through the bridge: {lease["ip"]}");
            Assert.StartsWith("192.168.59.", lease["ip"]);
            Assert.Equal("192.168.59.1", lease["router"]);
            Assert.Equal("192.168.59.1", lease["dns"].Trim());
            Assert.Contains("wifibridge-lab-world-ok", await HostCurlAsync(hostNs));
            // No NAT: the world knows the host by its own MAC and address, not the station's.
            var hostMac = await HostMacAsync(hostNs);
            Assert.NotEqual("02:00:00:00:00:00", hostMac);
            Assert.Contains(hostMac, await lab.ExecOkAsync($"ip -n world neigh show {lease["ip"]} dev br-wds"));
            Assert.Contains($"{hostMac} {lease["ip"]} ", await lab.ExecOkAsync("cat /run/lab-world/dnsmasq.leases"));

            // Back to NAT: the bridge goes, 4-address mode off, the host behind the guest again.
            var nat = await uplink.ConfigureUplinkAsync(new UplinkConfig { Mode = UplinkMode.Nat },
                deadline: DateTime.UtcNow.AddSeconds(90)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(100));
            output.WriteLine($"nat: {nat}");
            Assert.Equal(UplinkMode.Nat, nat.ActiveMode);
            Assert.Equal("10.77.0.0/24", nat.EthSubnetCidr);
            Assert.DoesNotContain("4addr: on", await lab.ExecOkAsync("iw dev wlan0 info"));
            Assert.NotEqual(0, (await lab.ExecAsync("ip link show wbbr0")).ExitCode);
            // The station itself is on the AP's LAN again (DHCP on wlan0, 3-address frames): the agent had
            // wpa_supplicant deauthenticate, so hostapd removed its 4-address VLAN, and associate again.
            await WaitForGuestAddressAsync("wlan0", "192.168.59.");
            Assert.DoesNotMatch(@"ap-wds\.sta\d+", await lab.ExecOkAsync("ip -n world -o link show master br-wds"));
            var lease2 = await HostDhcpAsync(hostNs);
            Assert.Equal("10.77.0.2", lease2["ip"]);
            Assert.Equal("192.168.59.1", lease2["dns"].Trim());
            Assert.Contains("wifibridge-lab-world-ok", await HostCurlAsync(hostNs));
        }
        finally
        {
            // Never leave the bridge to the next test.
            try { await uplink.ConfigureUplinkAsync(new UplinkConfig { Mode = UplinkMode.Nat }, deadline: DateTime.UtcNow.AddSeconds(90)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(100)); }
            catch (Exception e) { output.WriteLine($"back to nat: {e.Message}"); }
            try { await wifi.DisconnectAsync(new DisconnectRequest(), deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(40)); }
            catch (Exception e) { output.WriteLine($"disconnect: {e.Message}"); }
            await ReturnTapAsync(hostNs);
        }
    }

    /// <summary>Puts the VM's tap into a fresh namespace <paramref name="ns"/>, where the test plays the FreeBSD host.</summary>
    private async Task MoveTapIntoAsync(string ns)
    {
        await Host("netns", "add", ns);
        await Host("link", "set", lab.TapName, "netns", ns);
        await Host("-n", ns, "link", "set", lab.TapName, "up");
    }

    /// <summary>Gives the tap back to the root namespace (the VM keeps using it) and drops <paramref name="ns"/>.</summary>
    private async Task ReturnTapAsync(string ns)
    {
        await Run("/usr/sbin/ip", ["-n", ns, "link", "set", lab.TapName, "netns", Environment.ProcessId.ToString()]);
        await Run("/usr/sbin/ip", ["link", "set", lab.TapName, "down"]);
        await Run("/usr/sbin/ip", ["netns", "del", ns]);
    }

    /// <summary>The station and AP side of a 4-address link, for a failure message.</summary>
    private async Task<string> WdsDiagnosticsAsync()
    {
        var r = await lab.ExecAsync("iw dev wlan0 info; ip -o link show master wbbr0; ip -n world -o link show master br-wds; " +
                                    "tail -n 30 /var/log/lab-world/hostapd.log; tail -n 30 /var/log/wbguest.log", 30);
        return r.Output;
    }

    private async Task WaitForGuestAddressAsync(string iface, string prefix)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        var last = "";
        while (DateTime.UtcNow < until)
        {
            last = (await lab.ExecAsync($"ip -4 -o addr show dev {iface}", 20)).Output;
            if (last.Contains($"inet {prefix}", StringComparison.Ordinal)) return;
            await Task.Delay(1000);
        }
        Assert.Fail($"the guest's {iface} got no {prefix}x address in 90 s ({last.Trim()})\n{await WdsDiagnosticsAsync()}");
    }

    private async Task<string> HostMacAsync(string ns)
    {
        var r = await Run("/usr/sbin/ip", ["-n", ns, "-o", "link", "show", "dev", lab.TapName]);
        var m = System.Text.RegularExpressions.Regex.Match(r.Output, "link/ether ([0-9a-f:]{17})");
        Assert.True(m.Success, $"no MAC address for {lab.TapName}: {r}");
        return m.Groups[1].Value;
    }

    private async Task<ConnectResult> ConnectAsync(WifiLabAgent agent, string ssid, string passphrase)
    {
        var progress = await agent.ConnectAsync(new ConnectRequest { Ssid = ByteString.CopyFromUtf8(ssid), Passphrase = passphrase, TimeoutMs = 60_000 });
        foreach (var p in progress) output.WriteLine($"  {ssid} {p.Stage}: {p.Message}");
        var result = progress[^1].Result;
        Assert.True(result.Outcome == ConnectOutcome.Connected, $"{ssid}: {result.Outcome} {result.Detail}");
        return result;
    }

    private static async Task<UplinkStatus> WaitForUplinkAsync(GuestUplink.GuestUplinkClient uplink, Func<UplinkStatus, bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        UplinkStatus? last = null;
        while (DateTime.UtcNow < until)
        {
            last = await uplink.GetUplinkStatusAsync(new GetUplinkStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(25));
            if (condition(last)) return last;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"the uplink status did not change in 90 s; last: {last}");
    }

    private async Task<Dictionary<string, string>> HostDhcpAsync(string ns)
    {
        var dir = Path.Combine(lab.RunDirectory, "datapath-host");
        Directory.CreateDirectory(dir);
        var env = Path.Combine(dir, "lease.env");
        var script = Path.Combine(dir, "udhcpc.sh");
        File.Delete(env);
        File.WriteAllText(script, $"""
            #!/bin/sh
            case "$1" in
            bound|renew)
              /usr/sbin/ip -4 addr flush dev "$interface"
              /usr/sbin/ip addr add "$ip/$mask" dev "$interface"
              /usr/sbin/ip route replace default via "$router" dev "$interface"
              env > '{env}'
              ;;
            esac
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var r = await Run("/usr/sbin/ip", ["netns", "exec", ns, "/usr/bin/busybox", "udhcpc", "-f", "-q", "-n", "-i", lab.TapName, "-s", script, "-t", "10", "-T", "2"]);
        if (!File.Exists(env))
        {
            var nft = await lab.ExecAsync("nft list table inet wifibridge | head -60", 30);
            Assert.Fail($"the host side got no DHCP lease from the guest: {r}\n{await lab.GuestDiagnosticsAsync()}\n{nft.Output}\n{lab.Diagnostics()}");
        }
        return File.ReadAllLines(env).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
    }

    private static async Task<string> HostCurlAsync(string ns)
    {
        var r = await Run("/usr/sbin/ip", ["netns", "exec", ns, "/usr/bin/curl", "-sS", "--max-time", "20", WorldPage]);
        Assert.True(r.ExitCode == 0, $"curl {WorldPage} from the host side failed: {r}");
        return r.Output;
    }

    private static async Task Host(params string[] args)
    {
        var r = await Run("/usr/sbin/ip", args);
        Assert.True(r.ExitCode == 0, $"ip {string.Join(' ', args)}: {r}");
    }

    private static Task<ProcessResult> Run(string tool, string[] args) => ProcessRunner.RunAsync(tool, args, TimeSpan.FromSeconds(60));
}
