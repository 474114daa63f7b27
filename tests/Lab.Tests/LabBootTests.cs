namespace WifiBridge.Lab.Tests;

/// <summary>The lab guest boots like Alpine and its Wi-Fi world is really up.</summary>
[Collection(LabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class LabBootTests(LabVm lab, ITestOutputHelper output)
{
    [Fact]
    public async Task Boots_through_busybox_init_and_OpenRC_with_the_lab_services_and_the_agent_started()
    {
        var status = await lab.ExecOkAsync("cat /proc/1/comm; ls /etc/runlevels/boot /etc/runlevels/default; " +
                                            "for s in lab-boot labctl lab-world wbguest; do echo \"$s: $(rc-service $s status)\"; done");
        output.WriteLine(status);
        Assert.StartsWith("init", status);
        // (rc-status hides the service it is called from, here labctl: ask each service instead)
        foreach (var service in new[] { "lab-boot", "labctl", "lab-world", "wbguest" })
            Assert.Matches($@"(?m)^{service}:\s+\* status: started", status);

        var memory = await lab.ExecOkAsync("free -k; grep -E 'MemTotal|MemFree|MemAvailable|Unevictable' /proc/meminfo; ps -o pid,rss,comm 2>/dev/null || ps");
        output.WriteLine($"boot: QEMU start -> labctl answers {lab.BootToLabctl.TotalSeconds:0.0} s, -> default runlevel started {lab.BootToDefaultRunlevel.TotalSeconds:0.0} s (TCG, -m {LabVm.MemoryMb})");
        output.WriteLine(memory);
        Assert.Contains("MemAvailable", memory);
        // The root is a squashfs under a tmpfs overlay (stage 1), not a RAM-pinned ramfs.
        Assert.Contains("root on / type overlay", await lab.ExecOkAsync("mount"));
        // The whole lab (world + agent + wpa_supplicant) fits the issue's -m 160: nothing was OOM-killed.
        var kernelLog = await lab.ExecOkAsync("dmesg");
        Assert.False(kernelLog.Contains("Out of memory", StringComparison.Ordinal) || kernelLog.Contains("oom-kill", StringComparison.Ordinal),
            $"the kernel OOM-killed a process at -m {LabVm.MemoryMb}:\n{kernelLog}");
    }

    [Fact]
    public async Task Station_radio_wlan0_is_in_the_root_namespace_and_the_AP_radios_are_not()
    {
        var iw = await lab.ExecOkAsync("iw dev");
        output.WriteLine(iw);
        Assert.Contains("Interface wlan0", iw);
        Assert.Contains("type managed", iw);
        Assert.DoesNotContain("ap-", iw);
        Assert.Single(iw.Split('\n'), l => l.TrimStart().StartsWith("Interface ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task World_APs_are_enabled_in_netns_world_with_the_documented_SSIDs_BSSIDs_and_channels()
    {
        var aps = WorldAccessPoint.Load();
        Assert.Equal(9, aps.Count);
        var iw = await lab.ExecOkAsync("ip netns exec world iw dev");
        foreach (var ap in aps)
        {
            Assert.Contains($"Interface {ap.Interface}", iw);
            var status = await lab.ExecOkAsync($"hostapd_cli -p /run/hostapd -i {ap.Interface} status");
            Assert.Contains("state=ENABLED", status);
            Assert.Contains($"bssid[0]={ap.Bssid}", status);
            Assert.Contains($"channel={ap.HostapdSetting("channel")}", status);
            var ssid = ap.HostapdSetting("ssid");
            if (ssid is not null)
                Assert.Contains($"ssid[0]={ssid}", status);
        }
        Assert.Equal(9, iw.Split('\n').Count(l => l.Trim() == "type AP"));
    }

    [Fact]
    public async Task World_serves_DNS_HTTP_and_iperf3_on_the_fixed_upstream_address()
    {
        var r = await lab.ExecOkAsync(
            "ip netns exec world nslookup www.lab.test 192.168.51.1; " +
            "ip netns exec world wget -qO- http://198.51.100.1/; " +
            "ip netns exec world iperf3 -c 198.51.100.1 -t 1 -f m | tail -3", 90);
        output.WriteLine(r);
        Assert.Contains("198.51.100.1", r);
        Assert.Contains("wifibridge-lab-world-ok", r);
        Assert.Contains("receiver", r);
    }

    [Fact]
    public async Task Station_associates_with_WPA2_and_WPA3_SAE_gets_a_lease_and_reaches_the_world_and_sees_the_hostile_SSID()
    {
        // The agent owns wlan0 in normal operation: stop it while a plain wpa_supplicant uses the radio.
        await lab.ExecOkAsync("rc-service wbguest stop");
        try
        {
            foreach (var (ssid, key, subnet) in new[]
                     {
                         ("WB-WPA2", "psk=\"wifibridge-wpa2\"", "192.168.51."),
                         ("WB-WPA3", "key_mgmt=SAE\n ieee80211w=2\n sae_password=\"wifibridge-sae\"", "192.168.52."),
                     })
            {
                var script = $$"""
                    set -e
                    mkdir -p /run/labtest
                    printf 'ctrl_interface=/run/labtest\nnetwork={\n ssid="{{ssid}}"\n {{key.Replace("\n", "\\n")}}\n}\n' > /run/labtest/w.conf
                    wpa_supplicant -B -i wlan0 -c /run/labtest/w.conf -P /run/labtest/w.pid >/dev/null
                    i=0; until wpa_cli -p /run/labtest -i wlan0 status | grep -q wpa_state=COMPLETED; do
                      i=$((i+1)); [ $i -lt 120 ] || { wpa_cli -p /run/labtest -i wlan0 status; exit 1; }; sleep 0.5; done
                    wpa_cli -p /run/labtest -i wlan0 status | grep -E '^(ssid|key_mgmt|wpa_state)='
                    lease=$(udhcpc -i wlan0 -q -n -t 10 -s /bin/true 2>&1 | sed -n 's/.*lease of \([0-9.]*\).*/\1/p')
                    echo "lease of $lease"
                    [ -n "$lease" ]
                    ip addr add "$lease/24" dev wlan0
                    ip route add 198.51.100.1 dev wlan0 via {{subnet}}1
                    timeout 10 wget -qO- http://198.51.100.1/
                    wpa_cli -p /run/labtest -i wlan0 scan_results
                    """;
                string result;
                try { result = await lab.ExecOkAsync(script, 120); }
                finally
                {
                    await lab.ExecAsync("kill $(cat /run/labtest/w.pid) 2>/dev/null; sleep 1; ip addr flush dev wlan0; rm -rf /run/labtest");
                }
                output.WriteLine(result);
                Assert.Contains($"ssid={ssid}", result);
                Assert.Contains($"lease of {subnet}", result);
                Assert.Contains("wifibridge-lab-world-ok", result);
                // wpa_supplicant escapes the 32-byte hostile SSID (quotes, NUL, newline, invalid UTF-8)
                Assert.Contains(@"02:77:62:00:00:08", result);
                Assert.Contains(@"WB-\""'\\\n\x00\xff\xfe\xc3(;$(id)`\e[31m %s\tZZ\xe2\x82", result);
            }
        }
        finally
        {
            await lab.ExecOkAsync("rc-service wbguest start");
        }
    }
}
