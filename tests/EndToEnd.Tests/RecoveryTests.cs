using System.Diagnostics;

namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// Scenario 5: kill -9 the agent (OpenRC restarts it, wbhostd re-attaches, Wi-Fi intact); kill
/// QEMU (wbhostd restarts the VM and reconnects the saved network by itself); restart wbhostd
/// (the VM keeps running and traffic never stops).
/// </summary>
[Collection(StackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RecoveryTests(LabStack stack, ITestOutputHelper output)
{
    private async Task ConnectWpa2Async()
    {
        var status = await stack.StatusAsync();
        if (LabStack.Str(status.GetProperty("wifi"), "ssidDisplay") != LabNetworks.Wpa2.Ssid
            || LabStack.Str(status.GetProperty("wifi"), "state") != "LINK_STATE_CONNECTED")
            (await stack.CliAsync(["connect", LabNetworks.Wpa2.Ssid, "--wait", "90"], stdin: LabNetworks.Wpa2.Passphrase + "\n",
                timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        await stack.WaitForWifiAsync(LabNetworks.Wpa2.Ssid, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 30 && !await stack.FetchWorldPageAsync(); i++) await Task.Delay(2000);
    }

    [Fact]
    public async Task AgentKilledIsRestartedByOpenRcAndWifiStaysUp()
    {
        await ConnectWpa2Async();
        var before = await stack.StatusAsync();
        var instance = LabStack.Str(before.GetProperty("guest"), "instanceId");
        var sw = Stopwatch.StartNew();
        var kill = await stack.GuestAsync("kill -9 $(pidof wbguest)");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        var after = await stack.WaitForStatusAsync(s => LabStack.Str(s, "link") == "GUEST_LINK_STATE_READY"
            && LabStack.Str(s.GetProperty("guest"), "instanceId") is { Length: > 0 } id && id != instance, TimeSpan.FromMinutes(2), "a new agent instance");
        output.WriteLine($"agent kill -9 -> link ready again: {sw.Elapsed.TotalSeconds:0.0} s");
        Figures.Seconds("recovery: agent kill -9 -> link ready (OpenRC respawn)", sw.Elapsed, "includes the 1 s status poll");
        Assert.Equal("LINK_STATE_CONNECTED", LabStack.Str(after.GetProperty("wifi"), "state"));
        Assert.Equal(LabNetworks.Wpa2.Ssid, LabStack.Str(after.GetProperty("wifi"), "ssidDisplay"));
        Assert.True(await stack.FetchWorldPageAsync(), "no traffic after the agent restart\n" + await stack.DiagnosticsAsync());
    }

    [Fact]
    public async Task VmKilledIsRestartedAndTheSavedNetworkReconnects()
    {
        await ConnectWpa2Async();
        var pid = stack.VmPid() ?? throw new InvalidOperationException("no vm.pid in " + stack.RuntimeDir);
        var sw = Stopwatch.StartNew();
        await ProcessRunner.RunAsync("kill", ["-KILL", pid.ToString()], TimeSpan.FromSeconds(10));
        await stack.WaitForStatusAsync(s => stack.VmPid() is { } p && p != pid && LabStack.Str(s, "link") == "GUEST_LINK_STATE_READY",
            TimeSpan.FromMinutes(6), "VM restarted and guest ready");
        output.WriteLine($"QEMU kill -9 -> guest ready: {sw.Elapsed.TotalSeconds:0.0} s");
        Figures.Seconds("recovery: QEMU kill -9 -> guest link ready", sw.Elapsed, "VM reboot under TCG");
        await stack.WaitForWifiAsync(LabNetworks.Wpa2.Ssid, TimeSpan.FromMinutes(3));
        output.WriteLine($"QEMU kill -9 -> Wi-Fi reconnected without user action: {sw.Elapsed.TotalSeconds:0.0} s");
        Figures.Seconds("recovery: QEMU kill -9 -> saved Wi-Fi reconnected", sw.Elapsed);
        var fetched = false;
        for (var i = 0; i < 45 && !(fetched = await stack.FetchWorldPageAsync()); i++) await Task.Delay(2000);
        output.WriteLine($"QEMU kill -9 -> host traffic flows again: {sw.Elapsed.TotalSeconds:0.0} s");
        if (fetched) Figures.Seconds("recovery: QEMU kill -9 -> host traffic flows", sw.Elapsed);
        Assert.True(fetched, "no traffic after the VM restart\n" + await stack.DiagnosticsAsync());
    }

    [Fact]
    public async Task DaemonRestartKeepsTheVmAndTraffic()
    {
        await ConnectWpa2Async();
        var pid = stack.VmPid();
        await using var loop = new FetchLoop(stack);
        for (var i = 0; i < 60 && loop.OkSoFar < 2; i++) await Task.Delay(500);
        var sw = Stopwatch.StartNew();
        await stack.RestartDaemonAsync();
        await stack.WaitForLinkReadyAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"wbhostd restart -> link ready: {sw.Elapsed.TotalSeconds:0.0} s");
        Figures.Seconds("recovery: wbhostd restart -> link ready (VM kept)", sw.Elapsed);
        var okAtReady = loop.OkSoFar;
        for (var i = 0; i < 60 && loop.OkSoFar < okAtReady + 2; i++) await Task.Delay(500);
        var (ok, failed, _, gap) = await loop.StopAsync();
        output.WriteLine($"fetches across the daemon restart: {ok} ok, {failed} failed; longest gap {gap.TotalSeconds:0.0} s");
        Figures.Seconds("recovery: wbhostd restart, longest gap in host HTTP fetches", gap, "fetch every 0.5 s");
        Assert.Equal(pid, stack.VmPid());
        Assert.Equal(0, failed);
        Assert.True(ok >= okAtReady + 2);
        var status = await stack.StatusAsync();
        Assert.Equal("LINK_STATE_CONNECTED", LabStack.Str(status.GetProperty("wifi"), "state"));
    }
}
