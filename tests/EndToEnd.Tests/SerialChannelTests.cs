namespace WifiBridge.EndToEnd.Tests;

/// <summary>The product over the serial fallback: wbhostd with channel = serial (COM2 pty, nmdm's stand-in).</summary>
public sealed class SerialLabStack : LabStack
{
    private System.Diagnostics.Process? _nmdm;

    public SerialLabStack() : base("serial") { }

    /// <summary>FreeBSD's nmdm pair has no Linux twin: a linked pty pair stands in (socat), QEMU's COM2
    /// opens side A like bhyve's -l com2,/dev/nmdmNA and wbhostd opens side B.</summary>
    protected override async Task<string> BeforeDaemonAsync()
    {
        var nmdm = Path.Combine(Directory, "nmdm0");
        var psi = new System.Diagnostics.ProcessStartInfo("socat") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-d", $"PTY,link={nmdm}A,rawer,ignoreeof", $"PTY,link={nmdm}B,rawer,ignoreeof" })
            psi.ArgumentList.Add(a);
        _nmdm = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("cannot start socat for the nmdm stand-in");
        for (var i = 0; i < 50 && !(File.Exists(nmdm + "A") && File.Exists(nmdm + "B")); i++) await Task.Delay(100);
        if (!File.Exists(nmdm + "B")) throw new InvalidOperationException("socat did not create the pty pair " + nmdm + "A/B");
        return $"nmdm = {nmdm}";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_nmdm is { HasExited: false } p) { p.Kill(); await p.WaitForExitAsync(); }
    }

    /// <summary>The guest image defaults to virtio: switch its conf.d to the serial line and restart the agent.</summary>
    protected override async Task PrepareGuestChannelAsync()
    {
        var wait = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.LabDirectory, "labctl.sh"), "--sock", LabctlSocket,
            "--timeout", "360", "wait"], TimeSpan.FromMinutes(7));
        if (wait.ExitCode != 0) throw new InvalidOperationException("the lab guest never answered on labctl: " + wait);
        var r = await GuestAsync("sed -i 's/^wbguest_channel=.*/wbguest_channel=\"serial\"/' /etc/conf.d/wbguest && rc-service wbguest restart", 120);
        if (r.ExitCode != 0) throw new InvalidOperationException("switching the guest agent to serial failed: " + r);
    }
}

[CollectionDefinition(Name)]
public sealed class SerialStackCollection : ICollectionFixture<SerialLabStack>
{
    public const string Name = "lab stack (serial)";
}

/// <summary>Scenario 6: the same scan and connect over the serial channel.</summary>
[Collection(SerialStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class SerialChannelTests(SerialLabStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task ScanAndConnectWorkOverTheSerialChannel()
    {
        var status = await stack.StatusAsync();
        Assert.Equal("serial", LabStack.Str(status.GetProperty("guest"), "channel"));
        var scan = (await stack.CliAsync(["scan", "--rescan"], timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        output.WriteLine(scan.Stdout);
        Assert.Contains(LabNetworks.Wpa2.Ssid, scan.Stdout);
        var connect = await stack.CliAsync(["connect", LabNetworks.Wpa2.Ssid, "--wait", "120"], stdin: LabNetworks.Wpa2.Passphrase + "\n",
            timeout: TimeSpan.FromMinutes(4));
        Assert.True(connect.ExitCode == 0, connect + await stack.DiagnosticsAsync());
        await stack.WaitForWifiAsync(LabNetworks.Wpa2.Ssid, TimeSpan.FromSeconds(90));
        var fetched = false;
        for (var i = 0; i < 30 && !(fetched = await stack.FetchWorldPageAsync()); i++) await Task.Delay(2000);
        Assert.True(fetched, "no traffic over Wi-Fi with the serial control channel\n" + await stack.DiagnosticsAsync());
    }
}
