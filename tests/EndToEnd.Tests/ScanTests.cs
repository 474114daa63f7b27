using System.Text.Json;

namespace WifiBridge.EndToEnd.Tests;

/// <summary>Scenario 1: `wbhost scan` lists every lab network with the right security, band and channel; --json matches the table.</summary>
[Collection(StackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ScanTests(LabStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task ScanListsEveryLabNetworkAndJsonMatchesTheTable()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var table = (await stack.CliAsync(["scan", "--rescan"])).EnsureSuccess();
        Figures.Seconds("scan: `wbhost scan --rescan` wall time", clock.Elapsed, "9 BSSs on 4 channels");
        output.WriteLine(table.Stdout);
        var json = (await stack.CliAsync(["--json", "scan"])).EnsureSuccess().Json();
        var bsss = json.GetProperty("bss").EnumerateArray().ToList();
        var lines = table.Stdout.Split('\n');

        foreach (var network in LabNetworks.All.Where(n => n != LabNetworks.Hidden))
        {
            foreach (var bssid in network.Bssids)
            {
                var bss = bsss.SingleOrDefault(b => LabStack.Str(b, "bssid") == bssid);
                Assert.True(bss.ValueKind == JsonValueKind.Object, $"{network.Ssid} ({bssid}) missing from scan --json:\n{json}");
                Assert.Equal(network.Ssid, LabStack.Str(bss, "ssidDisplay"));
                Assert.Equal(network.ChannelOf(bssid), bss.GetProperty("channel").GetInt32());
                Assert.Equal("BAND_2_4_GHZ", LabStack.Str(bss, "band"));
                Assert.Equal(ExpectedSecurity(network), LabStack.Str(bss, "security"));
                Assert.True(bss.GetProperty("signalDbm").GetInt32() < 0, $"signal of {bssid}");

                var line = lines.SingleOrDefault(l => l.Contains(bssid, StringComparison.Ordinal));
                Assert.True(line is not null, $"{bssid} missing from the scan table:\n{table.Stdout}");
                Assert.Contains(network.Ssid, line);
                Assert.Contains("2.4 GHz", line);
                Assert.Matches($@"2\.4 GHz\s+{network.ChannelOf(bssid)}\s", line);
                Assert.Contains(network.Security == "open" ? "--" : network.Security, line.Split("dBm")[^1]);
            }
        }
        // The hidden network does not broadcast its SSID: it must not appear by name.
        Assert.DoesNotContain(bsss, b => LabStack.Str(b, "ssidDisplay") == LabNetworks.Hidden.Ssid);
        // The table shows the same set of BSSIDs as the JSON.
        var tableBssids = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, "([0-9a-f]{2}:){5}[0-9a-f]{2}"))
            .Where(m => m.Success).Select(m => m.Value).ToHashSet();
        Assert.Equal(bsss.Select(b => LabStack.Str(b, "bssid")).ToHashSet(), tableBssids);
    }

    private static string ExpectedSecurity(LabNetworks.Network n) => n.Security switch
    {
        "open" => "SECURITY_OPEN",
        "WPA3" => "SECURITY_WPA3_SAE",
        _ => "SECURITY_WPA2_PSK",
    };
}
