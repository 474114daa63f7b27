using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.GuestAgent.Wifi.Supplicant;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;

namespace WifiBridge.GuestAgent.Tests.Wifi.Supplicant;

/// <summary>The agent's Wi-Fi stack against the real wpa_supplicant 2.x (wired driver on a veth).</summary>
public class RealSupplicantTests
{
    public static readonly (byte[] Ssid, string Passphrase)[] Hostile =
    [
        (Encoding.ASCII.GetBytes("\"\nnetwork={\nssid=\"evil\"\n}"), "pass\"word\"\\'x"),
        (Encoding.ASCII.GetBytes("back\\slash\\\"q"), "\\\\\\\\\\\\\\\\"),
        ([0x00, 0x41, 0x00, 0x0a], "12345678"),
        ([0xff, 0xfe, 0xc3, 0x28, 0x80], "pass word with spaces ~"),
        (Enumerable.Repeat((byte)'"', 32).ToArray(), new string('"', 63)),
        (Encoding.UTF8.GetBytes("café ☕ 32 bytes of utf-8 ok!!"), "ssid=\"x\" psk=\"y\""),
    ];

    [Fact]
    public async Task StartsWpaSupplicantWithGeneratedConfigAndReportsStatus()
    {
        await using var rig = await WiredSupplicantRig.StartAsync();
        Assert.Equal("PONG", await rig.RequestAsync("PING"));
        var status = await rig.Get<StationStatusReader>().ReadAsync(default).WithTimeout();
        Assert.Equal(rig.Interface, status.Interface);
        Assert.Equal(File.ReadAllText($"/sys/class/net/{rig.Interface}/address").Trim(), status.MacAddress);
        Assert.Contains(status.State, new[] { LinkState.Disconnected, LinkState.Disabled });
        var config = File.ReadAllText(rig.Settings.ConfigPath);
        Assert.Contains("update_config=0", config);
        Assert.DoesNotContain("network=", config);
        Assert.Equal(1, rig.Supervisor.StartCount);
        Assert.Empty(rig.Logs.Errors);
    }

    [Fact]
    public async Task HostileSsidsAndPassphrasesAreStoredExactlyAndInjectNothing()
    {
        await using var rig = await WiredSupplicantRig.StartAsync();
        var desired = Hostile.Select((h, i) => new NetworkConfig
        {
            Ssid = ByteString.CopyFrom(h.Ssid), Passphrase = h.Passphrase, Autoconnect = false,
            Security = i % 2 == 0 ? Security.Wpa2Wpa3 : Security.Wpa3Sae,
        }).ToList();
        var result = await rig.Get<KnownNetworks>().ApplyAsync(desired, autoconnect: false, default).WithTimeout();
        Assert.Equal((uint)Hostile.Length, result.Added);

        var list = await rig.RequestAsync("LIST_NETWORKS");
        Assert.Equal(Hostile.Length, list.Split('\n').Skip(1).Count(l => l.Length > 0)); // no injected network blocks
        foreach (var known in rig.Get<KnownNetworks>().Current)
        {
            var stored = await rig.RequestAsync($"GET_NETWORK {known.Id} ssid");
            Assert.Equal(known.Config.Ssid.ToByteArray(), DecodeGetNetworkString(stored));
            // Secrets read back masked; an SAE-only network has no PSK at all.
            Assert.Equal(known.Effective == Security.Wpa3Sae ? "FAIL" : "*", await rig.RequestAsync($"GET_NETWORK {known.Id} psk"));
            Assert.Equal("*", await rig.RequestAsync($"GET_NETWORK {known.Id} sae_password"));
            Assert.Equal(known.Effective == Security.Wpa3Sae ? "SAE" : "WPA-PSK WPA-PSK-SHA256 SAE", await rig.RequestAsync($"GET_NETWORK {known.Id} key_mgmt"));
            Assert.Equal("FAIL", await rig.RequestAsync($"GET_NETWORK {known.Id} ctrl_interface"));
        }
        // Nothing was written back to the generated config, and no passphrase reached a log line.
        Assert.DoesNotContain("network=", File.ReadAllText(rig.Settings.ConfigPath));
        foreach (var (_, passphrase) in Hostile.Where(h => h.Passphrase.Length >= 8))
            Assert.DoesNotContain(passphrase, rig.Logs.AllText);
        Assert.Empty(rig.Logs.Errors);
    }

    /// <summary>GET_NETWORK returns printable strings quoted and anything else as hex (wpa_config_write_string).</summary>
    private static byte[] DecodeGetNetworkString(string reply)
        => reply.Length >= 2 && reply[0] == '"' && reply[^1] == '"' ? Encoding.Latin1.GetBytes(reply[1..^1]) : Convert.FromHexString(reply);

    [Fact]
    public async Task ConnectDisconnectAndTheirEvents()
    {
        await using var rig = await WiredSupplicantRig.StartAsync();
        using var events = rig.Events.Subscribe();
        var progress = new List<ConnectProgress>();
        await rig.Get<StationConnector>().ConnectAsync(
            new ConnectRequest { Ssid = ByteString.CopyFrom(Hostile[0].Ssid), Security = Security.Open, TimeoutMs = 15_000 },
            p => { progress.Add(p); return Task.CompletedTask; }, default).WithTimeout();
        var result = progress[^1].Result;
        // Associated for real; the lease step has no DHCP client in host tests (the lab covers DHCP).
        Assert.True(result.Outcome == ConnectOutcome.NoLease, result.Detail);
        Assert.Contains("no-udhcpc-in-host-tests", result.Detail);
        Assert.Equal(["scanning", "associating", "dhcp", "done"], progress.Select(p => p.Stage).Distinct());
        Assert.Equal(LinkState.Connected, result.Status.State);
        Assert.Equal(Hostile[0].Ssid, result.Status.Ssid.ToByteArray());
        Assert.Equal("01:80:c2:00:00:03", result.Status.Bssid); // the wired driver's PAE group address

        var disconnected = await rig.Get<StationDisconnector>().DisconnectAsync(default).WithTimeout();
        Assert.Equal(LinkState.Disconnected, disconnected.State);

        var seen = new List<GuestEvent>();
        await rig.WaitUntilAsync(() =>
        {
            while (events.Reader.TryRead(out var e)) seen.Add(e);
            return seen.Any(e => e.Disconnected is not null) && seen.Any(e => e.StateChanged?.NewState == LinkState.Disconnected);
        }, "Disconnected and StateChanged events");
        Assert.Contains(seen, e => e.StateChanged?.NewState == LinkState.Connected && e.StateChanged.Bssid == "01:80:c2:00:00:03");
        var d = seen.First(e => e.Disconnected is not null).Disconnected;
        Assert.Equal(3, d.ReasonCode);
        Assert.True(d.LocallyGenerated);
        Assert.Equal("station is leaving (deauthenticated)", d.Reason);
        Assert.Empty(rig.Logs.Errors);
    }

    [Fact]
    public async Task KilledWpaSupplicantIsRestartedAndNetworksReapplied()
    {
        await using var rig = await WiredSupplicantRig.StartAsync();
        using var events = rig.Events.Subscribe();
        await rig.Get<KnownNetworks>().ApplyAsync(
            [new NetworkConfig { Ssid = ByteString.CopyFromUtf8("one"), Autoconnect = true },
             new NetworkConfig { Ssid = ByteString.CopyFromUtf8("two"), Passphrase = "12345678", Autoconnect = true }], true, default).WithTimeout();
        var firstPid = rig.Supervisor.ProcessId!.Value;
        Process.GetProcessById(firstPid).Kill();

        await rig.WaitUntilAsync(() => rig.Supervisor.StartCount == 2 && rig.Client.IsConnected, "wpa_supplicant restarted and re-attached");
        Assert.NotEqual(firstPid, rig.Supervisor.ProcessId);
        await rig.WaitUntilAsync(() => rig.TryRequest("LIST_NETWORKS") is { } l && l.Contains("\tone\t") && l.Contains("\ttwo\t"), "both networks re-applied");
        var list = await rig.RequestAsync("LIST_NETWORKS");
        Assert.Contains("\tone\t", list);
        Assert.Contains("\ttwo\t", list);
        await rig.WaitUntilAsync(() => SupplicantStatus.Parse(rig.TryRequest("STATUS") ?? "").State == LinkState.Connected, "autoconnect after the restart");
        var seen = new List<GuestEvent>();
        while (events.Reader.TryRead(out var e)) seen.Add(e);
        Assert.Contains(seen, e => e.SupplicantRestarted is not null);
    }

    [Fact]
    public async Task HungWpaSupplicantTimesOutAndItsLateReplyNeverAnswersTheNextRequest()
    {
        await using var rig = await WiredSupplicantRig.StartAsync();
        await using var client = new WpaControlClient(TestLoggersProxy.Client, Path.Combine(rig.RuntimeDirectory, "other-clients"), TimeSpan.FromSeconds(1));
        await client.AttachAsync(rig.Client.ControlPath!);
        await rig.WaitUntilAsync(() => client.IsConnected, "second client attached");
        var pid = rig.Supervisor.ProcessId!.Value;
        WiredSupplicantRig.Run("kill", "-STOP", pid.ToString());
        try
        {
            await Assert.ThrowsAsync<WpaTimeoutException>(() => client.RequestAsync("STATUS")).WithTimeout();
        }
        finally
        {
            WiredSupplicantRig.Run("kill", "-CONT", pid.ToString());
        }
        await rig.WaitUntilAsync(() => client.IsConnected, "client usable again");
        Assert.Equal("PONG", await client.RequestAsync("PING").WithTimeout());
        Assert.StartsWith("network id", await client.RequestAsync("LIST_NETWORKS").WithTimeout());
    }

    [Fact]
    public async Task AdoptsARunningWpaSupplicantAndTakesOverWhenItDies()
    {
        var adoptDir = Path.Combine("/tmp", "wbw-adopt-" + Guid.NewGuid().ToString("N")[..6]);
        Process? foreign = null;
        try
        {
            await using var rig = await WiredSupplicantRig.StartAsync([adoptDir], beforeStart: async r =>
            {
                Directory.CreateDirectory(adoptDir);
                var conf = Path.Combine(adoptDir, "foreign.conf");
                File.WriteAllText(conf, $"ctrl_interface={adoptDir}\nupdate_config=0\n");
                foreign = Process.Start(new ProcessStartInfo(WiredSupplicantRig.WpaSupplicantPath, ["-i", r.Interface, "-D", "wired", "-c", conf]) { RedirectStandardOutput = true })!;
                await r.WaitUntilAsync(() => File.Exists(Path.Combine(adoptDir, r.Interface)), "the foreign wpa_supplicant's socket");
            });
            Assert.Equal(Path.Combine(adoptDir, rig.Interface), rig.Client.ControlPath);
            Assert.Equal(0, rig.Supervisor.StartCount);
            Assert.Null(rig.Supervisor.ProcessId);
            Assert.Equal("PONG", await rig.RequestAsync("PING"));

            foreign!.Kill();
            await rig.WaitUntilAsync(() => rig.Supervisor.StartCount == 1 && rig.Client.IsConnected, "took over with its own wpa_supplicant");
            Assert.Equal(Path.Combine(rig.Settings.ControlDirectory, rig.Interface), rig.Client.ControlPath);
        }
        finally
        {
            if (foreign is { HasExited: false }) foreign.Kill();
            foreign?.Dispose();
            if (Directory.Exists(adoptDir)) Directory.Delete(adoptDir, recursive: true);
        }
    }
}
