namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// Scenarios 2 and 3: connect to the WPA2, WPA3-SAE, open and hidden networks; the host gets an
/// address and DNS over the tap and fetches the world's page; a wrong passphrase fails with exit 4
/// and a message naming the cause, and nothing is saved.
/// </summary>
[Collection(StackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ConnectTests(LabStack stack, ITestOutputHelper output)
{
    public static TheoryData<string> Networks => new() { "WB-WPA2", "WB-WPA3", "WB-Open", "WB-Hidden" };

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task ConnectGivesTheHostAnAddressDnsAndTheWorldsPage(string ssid)
    {
        var network = LabNetworks.All.Single(n => n.Ssid == ssid);
        List<string> args = ["connect", ssid, "--wait", "90"];
        if (network == LabNetworks.Hidden) args.Add("--hidden");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var connect = await stack.CliAsync(args, stdin: network.Passphrase is null ? "" : network.Passphrase + "\n", timeout: TimeSpan.FromMinutes(3));
        var connectTime = clock.Elapsed;
        output.WriteLine(connect.ToString());
        Assert.True(connect.ExitCode == 0, connect + "\n" + await stack.DiagnosticsAsync());
        Assert.Contains($"Connected to \"{ssid}\"", connect.Stdout);

        var status = await stack.WaitForWifiAsync(ssid, TimeSpan.FromSeconds(60));
        Assert.Contains(LabStack.Str(status.GetProperty("wifi"), "bssid"), network.Bssids);

        // The host side: an address on the tap (by DHCP from the guest) and the upstream DNS.
        var host = await stack.WaitForStatusAsync(s => s.TryGetProperty("hostNetwork", out var h) && LabStack.Str(h, "addressCidr") != ""
            && h.GetProperty("dnsServers").GetArrayLength() > 0, TimeSpan.FromSeconds(90), "host address and DNS");
        output.WriteLine(host.GetProperty("hostNetwork").ToString());
        var addr = await stack.InNetnsAsync($"ip -4 -o addr show dev {stack.Tap}");
        Assert.Contains(LabStack.Str(host.GetProperty("hostNetwork"), "addressCidr"), addr.Output);
        var resolv = await stack.InNetnsAsync("cat /etc/resolv.conf");
        Assert.Contains("nameserver", resolv.Output);

        Assert.True(await FetchWithRetryAsync(), "the world's HTTP page was not reachable through the tap\n" + await stack.DiagnosticsAsync());
        Figures.Seconds($"connect {ssid}: `wbhost connect` wall time", connectTime);
        Figures.Seconds($"connect {ssid}: to the host fetching the page", clock.Elapsed, "includes the host's DHCP on the tap");
        var networks = (await stack.CliAsync(["--json", "networks", "list"])).EnsureSuccess();
        Assert.Contains(ssid, networks.Stdout);
    }

    [Fact]
    public async Task WrongPassphraseFailsWithExit4AndSavesNothing()
    {
        var result = await stack.CliAsync(["connect", "WB-Clash", "--wait", "60"], stdin: LabNetworks.WrongPassphrase + "\n",
            timeout: TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("passphrase", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LabNetworks.WrongPassphrase, result.Stdout + result.Stderr);
        var networks = (await stack.CliAsync(["--json", "networks", "list"])).EnsureSuccess();
        Assert.DoesNotContain("WB-Clash", networks.Stdout);
    }

    private async Task<bool> FetchWithRetryAsync()
    {
        for (var i = 0; i < 10; i++)
        {
            if (await stack.FetchWorldPageAsync()) return true;
            await Task.Delay(2000);
        }
        return false;
    }
}
