using WifiBridge.HostController.Tests.Infrastructure;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Daemon;

/// <summary>wbhostd as a real process driving the fake bhyve/devctl/ifconfig through the FreeBSD code path.</summary>
public sealed class VmLifecycleTests : IDisposable
{
    private readonly TestDirectory _dir = new();
    private readonly FakeTools _fakes;

    public VmLifecycleTests() => _fakes = new FakeTools(_dir);

    public void Dispose()
    {
        _fakes.KillVm();
        _dir.Dispose();
    }

    private static async Task<VmStatus> WaitVm(DaemonProcess d, Func<VmStatus, bool> done, string what)
        => await Eventually.Get(async () => await d.Client().GetVmStatusAsync(new VmRequest()), done, what);

    [Fact]
    public async Task StartsTheVmDetachedAndStopsItCleanly()
    {
        var paths = DaemonProcess.Configure(_dir, []);
        // A port socket left by a VM that died (bound, nobody listening): bhyve's bind would fail on it.
        // (Kept undisposed: .NET unlinks the file of a socket it bound when the socket is disposed.)
        using var stale = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        stale.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(paths.AgentSocket));
        Assert.True(File.Exists(paths.AgentSocket));
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        var vm = await WaitVm(daemon, s => s.State == VmState.Running, "VM running");
        Assert.Equal("bhyve", vm.Driver);
        Assert.Contains("[112] VmSupervisor: Removed stale port socket " + paths.AgentSocket, daemon.Log);
        Assert.False(File.Exists(paths.AgentSocket)); // the fake bhyve does not create it; the real one binds it afresh

        // Host side prepared before bhyve: tap cloned and renamed, card attached to ppt.
        var calls = _fakes.Calls;
        var tapCreate = calls.ToList().IndexOf("ifconfig tap create");
        var ppt = calls.ToList().IndexOf("devctl set driver -f pci0:3:0:0 ppt");
        var bhyve = calls.ToList().FindIndex(c => c.StartsWith("bhyve ", StringComparison.Ordinal));
        Assert.True(tapCreate >= 0 && ppt > tapCreate && bhyve > ppt, string.Join('\n', calls));
        Assert.Contains("ifconfig tap0 name wbtap0", calls);
        Assert.Equal(
            $"bhyve -A -H -P -S -u -w -c 1 -m 256M -l bootrom,{paths.UefiFirmware} -l com1,stdio -s 0,hostbridge -s 2,virtio-blk,{paths.DiskImage} " +
            $"-s 3,virtio-net,wbtap0 -s 4,virtio-console,org.wifibridge.agent.0={paths.AgentSocket} -s 5,virtio-rnd -s 6,passthru,3/0/0 -s 31,lpc wifibridge",
            calls[bhyve]);

        // The VM is not a child of wbhostd: it has its own session.
        var vmPid = int.Parse(File.ReadAllText(paths.VmPidFile).Trim());
        Assert.Equal(vm.Pid, vmPid);
        var stat = File.ReadAllText($"/proc/{vmPid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.NotEqual(daemon.Pid.ToString(), fields[1]); // ppid
        Assert.NotEqual(File.ReadAllText($"/proc/{daemon.Pid}/stat")[(File.ReadAllText($"/proc/{daemon.Pid}/stat").LastIndexOf(')') + 2)..].Split(' ')[3], fields[3]); // session

        // Console output lands in the console log, readable through VmLogs.
        var logs = await Eventually.Get(async () => await daemon.Client().VmLogsAsync(new VmLogsRequest { Lines = 10 }),
            l => l.Lines.Any(x => x.Contains("Linux version")), "console log");
        Assert.Contains(logs.Lines, l => l.Contains("fake bhyve run 1 of VM wifibridge"));

        var stopped = await daemon.Client().StopVmAsyncChecked();
        Assert.Equal(VmState.Stopped, stopped.State);
        Assert.Equal("stopped (exit 1)", stopped.LastExit);
        Assert.Contains("bhyvectl --vm=wifibridge --destroy", _fakes.Calls);
        Assert.Contains("devctl clear driver -f pci0:3:0:0", _fakes.Calls);
        // An explicit stop takes the host side down: the guest's DNS leaves resolvconf, the tap is destroyed.
        Assert.Contains("resolvconf -d wbtap0", _fakes.Calls);
        Assert.Contains("ifconfig wbtap0 destroy", _fakes.Calls);
        Assert.Empty((await daemon.Client().GetStatusAsync(new HostStatusRequest())).HostNetwork.DnsServers);
        Assert.DoesNotContain(_fakes.Calls, c => c.Contains("--force-poweroff"));
        Assert.False(File.Exists(paths.VmPidFile));
        daemon.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task ARestartedDaemonReattachesToTheLiveVmInsteadOfStartingASecond()
    {
        var paths = DaemonProcess.Configure(_dir, []);
        int pid;
        await using (var first = await DaemonProcess.StartAsync(paths, _fakes))
        {
            pid = (await WaitVm(first, s => s.State == VmState.Running, "VM running")).Pid;
            first.Kill(); // kill -9: no chance to clean up
        }
        Assert.True(Directory.Exists($"/proc/{pid}"), "the VM died with wbhostd");

        await using var second = await DaemonProcess.StartAsync(paths, _fakes);
        var vm = await WaitVm(second, s => s.State == VmState.Running, "VM re-attached");
        Assert.Equal(pid, vm.Pid);
        Assert.Single(_fakes.CallsOf("bhyve"));
        Assert.Contains("Re-attached to the running VM", second.Log);

        // Still supervised after re-attach: its exit is noticed (exit 1 = powered off -> stays stopped).
        Platform.PosixSignals.Send(pid, Platform.PosixSignals.SigTerm);
        vm = await WaitVm(second, s => s.State == VmState.Stopped, "VM exit noticed");
        Assert.Equal("exit 1 (powered off)", vm.LastExit);
        Assert.Single(_fakes.CallsOf("bhyve"));
        second.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task AStalePidfileOfAnotherProcessIsNotAdopted()
    {
        var paths = DaemonProcess.Configure(_dir, ["autostart = no"]);
        File.WriteAllText(paths.VmPidFile, Environment.ProcessId + "\n"); // the test runner: alive, but not our VM
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        var vm = await daemon.Client().GetVmStatusAsync(new VmRequest());
        Assert.Equal(VmState.Stopped, vm.State);
        Assert.Contains("which is not our VM", daemon.Log);
        Assert.Empty(_fakes.CallsOf("bhyve"));
    }

    [Fact]
    public async Task ACrashedVmIsRestartedWithBackoffAndARebootAtOnce()
    {
        _fakes.Set("bhyve.exits", "3 0");  // run 1: triple fault; run 2: guest reboot; run 3 stays up
        var paths = DaemonProcess.Configure(_dir, []);
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        var vm = await WaitVm(daemon, s => s.State == VmState.Running && s.Restarts == 2, "VM up after a crash and a reboot");
        Assert.Equal(3, _fakes.CallsOf("bhyve").Count);
        Assert.Equal("exit 0 (reboot)", vm.LastExit);
        Assert.Contains("VM crashed (exit 3 (triple fault)); restart 1 in 300 ms", daemon.Log);
        // Each run gives the card back and destroys the vmm instance, then attaches again.
        Assert.Equal(2, _fakes.CallsOf("devctl clear driver").Count);
        Assert.Equal(3, _fakes.CallsOf("devctl set driver").Count);
        daemon.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task AVmThatKeepsCrashingEndsFailedWithTheFix()
    {
        _fakes.Set("bhyve.exits", "4 4 4");
        var paths = DaemonProcess.Configure(_dir, ["max_crash_restarts = 2"]);
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        var vm = await WaitVm(daemon, s => s.State == VmState.Failed, "VM given up");
        Assert.Equal(3, _fakes.CallsOf("bhyve").Count);
        Assert.Contains("crashed 3 times in a row (exit 4 (bhyve error))", vm.LastError);
        Assert.Contains("wbhost vm start", vm.LastError);
        daemon.AssertNoUnexpectedErrors(106);
    }

    [Fact]
    public async Task AVmIgnoringSigtermIsForcedOffWithBhyvectl()
    {
        _fakes.Set("bhyve.ignore-term", "");
        var paths = DaemonProcess.Configure(_dir, ["stop_timeout_s = 1"]);
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        await WaitVm(daemon, s => s.State == VmState.Running, "VM running");
        var stopped = await daemon.Client().StopVmAsyncChecked();
        Assert.Equal(VmState.Stopped, stopped.State);
        Assert.Contains("bhyvectl --vm=wifibridge --force-poweroff", _fakes.Calls);
    }

    [Fact]
    public async Task MisconfigurationFailsVmStartWithTheFix()
    {
        var paths = DaemonProcess.Configure(_dir, ["autostart = no", "uefi_firmware = /nonexistent/BHYVE_UEFI.fd"]);
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await daemon.Client().VmStartAsync(new VmRequest()));
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("pkg install bhyve-firmware", e.Status.Detail);
        Assert.Empty(_fakes.CallsOf("bhyve"));
    }
}
