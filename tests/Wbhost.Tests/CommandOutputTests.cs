using Grpc.Core;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Tests;

/// <summary>Every command's output against the fake daemon, compared with golden files.</summary>
public sealed class CommandOutputTests(FakeDaemon daemon) : IClassFixture<FakeDaemon>
{
    private Task<CliResult> Run(params string[] args) => CliRun.InProcessAsync(daemon.SocketPath, args);

    private async Task Golden(string name, params string[] args)
    {
        var result = await Run(args);
        Tests.Golden.Verify(name, result);
    }

    [Fact] public async Task Status() { daemon.Reset(); await Golden("status", "status"); }
    [Fact] public async Task StatusJson() { daemon.Reset(); await Golden("status-json", "status", "--json"); }
    [Fact] public async Task StatusTerse() { daemon.Reset(); await Golden("status-terse", "-t", "status"); }

    [Fact]
    public async Task StatusWhileTheGuestIsDown()
    {
        daemon.Reset().Status = Scenario.GuestDownStatus();
        await Golden("status-guest-down", "status");
    }

    [Fact]
    public async Task Scan()
    {
        var state = daemon.Reset();
        await Golden("scan", "scan");
        Assert.False(Assert.Single(state.ScanRequests).Rescan);
    }

    [Fact]
    public async Task ScanRescanAsksForAFreshScan()
    {
        var state = daemon.Reset();
        var result = await Run("scan", "--rescan");
        Assert.Equal(0, result.ExitCode);
        Assert.True(Assert.Single(state.ScanRequests).Rescan);
    }

    [Fact] public async Task ScanJson() { daemon.Reset(); await Golden("scan-json", "scan", "--json"); }
    [Fact] public async Task ScanTerse() { daemon.Reset(); await Golden("scan-terse", "scan", "--terse"); }

    [Fact]
    public async Task ConnectShowsProgressAndTheResult()
    {
        var state = daemon.Reset();
        await Golden("connect", "connect", "CoffeeShop", "--passphrase", "correct horse battery");
        var request = Assert.Single(state.ConnectRequests);
        Assert.Equal("CoffeeShop", request.Ssid.ToStringUtf8());
        Assert.Equal("correct horse battery", request.Passphrase);
        Assert.False(request.Hidden);
    }

    [Fact]
    public async Task ConnectSendsHiddenBssidSecurityAndEscapedSsid()
    {
        var state = daemon.Reset();
        var result = await Run("connect", "--hidden", "--bssid", "02:00:00:00:01:0A", "--security", "wpa3", "--priority", "7", "--no-save", "--wait", "20", "Caf\\xc3\\xa9\\x00\\\\");
        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(state.ConnectRequests);
        Assert.Equal(new byte[] { (byte)'C', (byte)'a', (byte)'f', 0xc3, 0xa9, 0x00, (byte)'\\' }, request.Ssid.ToByteArray());
        Assert.True(request.Hidden);
        Assert.True(request.NoSave);
        Assert.Equal("02:00:00:00:01:0a", request.Bssid);
        Assert.Equal(Security.Wpa3Sae, request.Security);
        Assert.Equal(7, request.Priority);
        Assert.Equal(20_000u, request.TimeoutMs);
        Assert.Equal("", request.Passphrase);
    }

    [Fact]
    public async Task ConnectBySsidHex()
    {
        var state = daemon.Reset();
        var result = await Run("connect", "--ssid-hex", "1b5b33316dff");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new byte[] { 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff }, Assert.Single(state.ConnectRequests).Ssid.ToByteArray());
    }

    [Fact]
    public async Task ConnectWrongPassphraseExits4WithoutThePassphrase()
    {
        var state = daemon.Reset();
        state.ConnectReplies = Scenario.ConnectFails(ConnectOutcome.WrongPassphrase, "4-way handshake failed: check the passphrase");
        var result = await Run("connect", "CoffeeShop", "--passphrase", "hunter2hunter2");
        Tests.Golden.Verify("connect-wrong-passphrase", result);
        Assert.Equal(ExitCode.ActivationFailed, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task ConnectNotFoundExits10()
    {
        daemon.Reset().ConnectReplies = Scenario.ConnectFails(ConnectOutcome.NetworkNotFound, "no BSS with this SSID in range");
        var result = await Run("connect", "Nowhere");
        Assert.Equal(ExitCode.NotFound, result.ExitCode);
        Assert.Contains("wbhost scan --rescan", result.Stderr);
    }

    [Fact]
    public async Task ConnectTimeoutExits3()
    {
        daemon.Reset().ConnectReplies = Scenario.ConnectFails(ConnectOutcome.Timeout, "no association within 30 s");
        Assert.Equal(ExitCode.Timeout, (await Run("connect", "CoffeeShop")).ExitCode);
    }

    [Fact]
    public async Task ConnectReadsThePassphraseFromStdinWhenNotATerminal()
    {
        var state = daemon.Reset();
        var result = await CliRun.InProcessAsync(daemon.SocketPath, ["connect", "CoffeeShop"], stdin: "piped secret 123\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("piped secret 123", Assert.Single(state.ConnectRequests).Passphrase);
        Assert.DoesNotContain("piped secret", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task ConnectAskUsesThePromptAndNotStdin()
    {
        var state = daemon.Reset();
        var prompt = new ScriptedPrompt("typed secret 456");
        var result = await CliRun.InProcessAsync(daemon.SocketPath, ["connect", "CoffeeShop", "--ask"], prompt: prompt);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Passphrase for \"CoffeeShop\": ", Assert.Single(prompt.Prompts));
        Assert.Equal("typed secret 456", Assert.Single(state.ConnectRequests).Passphrase);
    }

    [Fact]
    public async Task ConnectRejectsAnInvalidPassphraseWithoutEchoingIt()
    {
        var state = daemon.Reset();
        var result = await Run("connect", "CoffeeShop", "--passphrase", "short\u001b");
        Tests.Golden.Verify("connect-invalid-passphrase", result);
        Assert.Equal(ExitCode.BadInput, result.ExitCode);
        Assert.Empty(state.ConnectRequests);
    }

    [Fact] public async Task Disconnect() { daemon.Reset(); await Golden("disconnect", "disconnect"); }

    [Fact]
    public async Task RoamToABssid()
    {
        var state = daemon.Reset();
        await Golden("roam", "roam", "02:00:00:00:01:01");
        Assert.Equal("02:00:00:00:01:01", Assert.Single(state.RoamRequests).Bssid);
    }

    [Fact]
    public async Task RoamToTheBestBssLeavesTheBssidEmpty()
    {
        var state = daemon.Reset();
        Assert.Equal(0, (await Run("roam")).ExitCode);
        Assert.Equal("", Assert.Single(state.RoamRequests).Bssid);
    }

    [Fact]
    public async Task RoamRejectsAMalformedBssidWithExit2()
    {
        var state = daemon.Reset();
        var result = await Run("roam", "02:00:00:00:01");
        Assert.Equal(ExitCode.BadInput, result.ExitCode);
        Assert.Empty(state.RoamRequests);
    }

    [Fact] public async Task NetworksList() { daemon.Reset(); await Golden("networks-list", "networks", "list"); }
    [Fact] public async Task NetworksListJson() { daemon.Reset(); await Golden("networks-list-json", "networks", "--json"); }

    [Fact]
    public async Task NetworksForget()
    {
        var state = daemon.Reset();
        await Golden("networks-forget", "networks", "forget", "Home\\:5G");
        Assert.Equal("Home:5G", Assert.Single(state.ForgetRequests).Ssid.ToStringUtf8());
    }

    [Fact]
    public async Task NetworksForgetUnknownExits10()
    {
        daemon.Reset();
        var result = await Run("networks", "forget", "Nowhere");
        Tests.Golden.Verify("networks-forget-not-found", result);
        Assert.Equal(ExitCode.NotFound, result.ExitCode);
    }

    [Fact]
    public async Task NetworksPriorityAcceptsNegativeNumbers()
    {
        var state = daemon.Reset();
        var result = await Run("networks", "priority", "CoffeeShop", "-3");
        Tests.Golden.Verify("networks-priority", result);
        var update = Assert.Single(state.UpdateRequests);
        Assert.Equal(-3, update.Priority);
        Assert.False(update.HasAutoconnect);
    }

    [Fact]
    public async Task NetworksAutoconnect()
    {
        var state = daemon.Reset();
        Assert.Equal(0, (await Run("networks", "autoconnect", "CoffeeShop", "no")).ExitCode);
        var update = Assert.Single(state.UpdateRequests);
        Assert.True(update.HasAutoconnect);
        Assert.False(update.Autoconnect);
        Assert.False(update.HasPriority);
    }

    [Fact] public async Task SignalHistory() { daemon.Reset(); await Golden("signal", "signal"); }
    [Fact] public async Task SignalHistoryJson() { daemon.Reset(); await Golden("signal-json", "signal", "--json"); }

    [Fact]
    public async Task SignalWatchPrintsRowsUntilTheStreamEnds()
    {
        var state = daemon.Reset();
        state.EndSignalStream = true;
        state.SignalReplies.Add(Scenario.Sample(TimeSpan.FromSeconds(-1), -58, -56));
        await Golden("signal-watch", "signal", "--watch");
    }

    [Fact]
    public async Task SignalStopsAtTheFirstLiveSample()
    {
        var state = daemon.Reset();
        state.SignalReplies.Add(Scenario.Sample(TimeSpan.FromSeconds(-1), -58, -56));
        state.SignalReplies.Add(Scenario.Sample(TimeSpan.FromSeconds(-2), -59, -57));
        var result = await Run("signal", "--terse");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact] public async Task VmStatus() { daemon.Reset(); await Golden("vm-status", "vm", "status"); }
    [Fact] public async Task VmStatusJson() { daemon.Reset(); await Golden("vm-status-json", "vm", "status", "--json"); }

    [Fact]
    public async Task VmLifecycle()
    {
        var state = daemon.Reset();
        var start = await Run("vm", "start");
        var stop = await Run("vm", "stop");
        var restart = await Run("vm", "restart");
        Tests.Golden.Verify("vm-lifecycle", start.Transcript + stop.Transcript + restart.Transcript);
        Assert.Equal(["start", "stop", "restart"], state.VmCalls);
    }

    [Fact] public async Task VmLogsAreSanitized() { daemon.Reset(); await Golden("vm-logs", "vm", "logs", "--lines", "3"); }

    [Fact]
    public async Task VmConsoleRunsCuOnTheNmdmDevice()
    {
        daemon.Reset();
        var device = Path.Combine(daemon.Directory, "nmdm0B");
        await File.WriteAllTextAsync(device, "");
        var spawned = new List<(string, IReadOnlyList<string>)>();
        var result = await CliRun.InProcessAsync(daemon.SocketPath, ["vm", "console", "--device", device], spawned: spawned);
        Assert.Equal(0, result.ExitCode);
        var (program, arguments) = Assert.Single(spawned);
        Assert.Equal("cu", program);
        Assert.Equal(["-l", device, "-s", "115200"], arguments);
    }

    [Fact]
    public async Task VmConsoleWithoutTheDevicePrintsWhatToRun()
    {
        daemon.Reset();
        var result = await Run("vm", "console", "--device", "/nonexistent/nmdm0B");
        Tests.Golden.Verify("vm-console-missing", result);
        Assert.Equal(ExitCode.NotFound, result.ExitCode);
    }

    [Fact] public async Task DoctorWithAFailureExits1() { daemon.Reset(); await Golden("doctor", "doctor"); }
    [Fact] public async Task Resume() { daemon.Reset(); await Golden("resume", "resume"); }

    [Fact]
    public async Task ResumeThatFailsExits1()
    {
        daemon.Reset().ResumeReplies = [new() { Step = "card", Message = "wlan0 did not come back" }, new() { Step = "done", Message = "no Wi-Fi", Done = true, Ok = false }];
        Assert.Equal(ExitCode.Error, (await Run("resume")).ExitCode);
    }

    [Fact] public async Task Help() => await Golden("help", "help");
    [Fact] public async Task UnknownCommandExits2() => await Golden("unknown-command", "frobnicate");
    [Fact] public async Task UnknownOptionExits2() => await Golden("unknown-option", "scan", "--bogus");

    [Fact]
    public async Task TooLongSsidExits2()
    {
        var result = await Run("connect", new string('x', 33));
        Tests.Golden.Verify("connect-ssid-too-long", result);
    }

    [Fact]
    public async Task PermissionDeniedFromTheDaemonExits5()
    {
        daemon.Reset().Failure = new Status(StatusCode.PermissionDenied, "changing Wi-Fi needs root or membership of group 'wbhost' (pw groupmod wbhost -m alice)");
        var result = await Run("disconnect");
        Tests.Golden.Verify("permission-denied", result);
        Assert.Equal(ExitCode.PermissionDenied, result.ExitCode);
    }

    [Fact]
    public async Task UnavailableExits9WithTheDaemonsMessage()
    {
        daemon.Reset().Failure = new Status(StatusCode.Unavailable, "the VM is booting (started 4 s ago); retry in a few seconds or watch: wbhost vm logs");
        var result = await Run("scan");
        Tests.Golden.Verify("guest-unavailable", result);
        Assert.Equal(ExitCode.GuestUnavailable, result.ExitCode);
    }

    [Fact]
    public async Task DeadlineExceededExits3()
    {
        daemon.Reset().Delay = TimeSpan.FromSeconds(20);
        var result = await Run("--timeout", "0.3", "status");
        Assert.Equal(ExitCode.Timeout, result.ExitCode);
        Assert.Contains("--timeout", result.Stderr);
    }

    [Fact]
    public async Task InvalidArgumentFromTheDaemonExits2()
    {
        daemon.Reset().Failure = new Status(StatusCode.InvalidArgument, "passphrase must be 8..63 characters");
        Assert.Equal(ExitCode.BadInput, (await Run("connect", "CoffeeShop")).ExitCode);
    }
}
