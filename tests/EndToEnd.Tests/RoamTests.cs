namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// Scenario 4: roam between the two BSSIDs of WB-Roam, explicitly (`wbhost roam`) and by taking
/// the current AP down; the host's connection to the world's HTTP server keeps working.
/// </summary>
[Collection(StackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RoamTests(LabStack stack, ITestOutputHelper output)
{
    private static string ApInterface(string bssid) => bssid == "02:77:62:00:00:05" ? "ap-roam1" : "ap-roam2";

    [Fact]
    public async Task ExplicitRoamAndApLossKeepTheHostConnected()
    {
        var roam = LabNetworks.Roam;
        // Other saved networks (WB-WPA3 and others, from the tests before) stay saved: the station must
        // land on WB-Roam's other BSS, not on one of them (the agent holds to the joined network).
        (await stack.CliAsync(["connect", roam.Ssid, "--wait", "90"], stdin: roam.Passphrase + "\n", timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        var status = await stack.WaitForWifiAsync(roam.Ssid, TimeSpan.FromSeconds(60));
        var first = LabStack.Str(status.GetProperty("wifi"), "bssid");
        var other = roam.Bssids.Single(b => b != first);
        await stack.WaitForStatusAsync(s => s.TryGetProperty("hostNetwork", out var h) && LabStack.Str(h, "addressCidr") != "",
            TimeSpan.FromSeconds(90), "host address");

        await using var loop = new FetchLoop(stack);
        await WaitForOkFetchesAsync(loop, 2);

        // 1. Explicit roam.
        var roamClock = System.Diagnostics.Stopwatch.StartNew();
        var explicitRoam = await stack.CliAsync(["roam", other], timeout: TimeSpan.FromSeconds(90));
        Figures.Seconds("roam: `wbhost roam BSSID` wall time", roamClock.Elapsed);
        output.WriteLine(explicitRoam.ToString());
        Assert.True(explicitRoam.ExitCode == 0, explicitRoam + await stack.DiagnosticsAsync());
        await stack.WaitForStatusAsync(s => LabStack.Str(s.GetProperty("wifi"), "bssid") == other, TimeSpan.FromSeconds(60), $"associated with {other}");
        var afterExplicit = loop.OkSoFar;
        await WaitForOkFetchesAsync(loop, afterExplicit + 2);

        // 2. The AP we are on goes away: the station lands on the other BSS of the ESS.
        var down = ApInterface(other);
        var stop = await stack.GuestAsync($"lab-ap stop {down}");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        try
        {
            await stack.WaitForStatusAsync(s => LabStack.Str(s.GetProperty("wifi"), "bssid") == first
                && LabStack.Str(s.GetProperty("wifi"), "state") == "LINK_STATE_CONNECTED", TimeSpan.FromSeconds(120), $"back on {first} after {down} went down");
            var afterLoss = loop.OkSoFar;
            await WaitForOkFetchesAsync(loop, afterLoss + 2);
        }
        finally
        {
            await stack.GuestAsync($"lab-ap start {down}");
        }

        var (ok, failed, lastOk, gap) = await loop.StopAsync();
        output.WriteLine($"fetches during the roams: {ok} ok, {failed} failed; longest gap between two good fetches {gap.TotalSeconds:0.0} s");
        Figures.Seconds("roam: longest gap in host HTTP fetches (explicit roam + AP loss)", gap, "fetch every 0.5 s from the host netns");
        Assert.True(lastOk, "the last fetch after both roams failed");
    }

    private async Task WaitForOkFetchesAsync(FetchLoop loop, int atLeast)
    {
        for (var i = 0; i < 120 && loop.OkSoFar < atLeast; i++) await Task.Delay(500);
        Assert.True(loop.OkSoFar >= atLeast, $"the host could not fetch the world's page ({loop.OkSoFar} ok so far)\n{await stack.DiagnosticsAsync()}");
    }
}
