using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Tests.Infrastructure;
using WifiBridge.HostController.Vm;

namespace WifiBridge.HostController.Tests.Vm;

/// <summary>Golden files for what the user's system runs: the bhyve argv, the vm-bhyve config, the QEMU argv.</summary>
public sealed class CommandLineGoldenTests
{
    private static DaemonOptions Production() => new() { Nmdm = "/dev/nmdm0" };

    [Fact]
    public void BhyveArgv()
    {
        var args = BhyveCommandLine.Build(Production(), new PciAddress(3, 0, 0));
        Golden.Verify("bhyve-args.txt", string.Join('\n', args) + "\n");
    }

    [Fact]
    public void BhyveCommandLineWithoutSerialHasNoCom2()
    {
        var args = BhyveCommandLine.Build(new DaemonOptions(), new PciAddress(3, 0, 0));
        Assert.DoesNotContain(args, a => a.StartsWith("com2", StringComparison.Ordinal));
        Assert.Contains("4,virtio-console,org.wifibridge.agent.0=/var/run/wbhost/agent.sock", args);
        Assert.Contains("6,passthru,3/0/0", args);
        Assert.Contains("-S", args);
    }

    [Fact]
    public void VmBhyveGuestConfig()
        => Golden.Verify("vm-bhyve.conf", WifiBridge.HostController.Vm.VmBhyveConfig.Render(Production(), new PciAddress(3, 0, 0)));

    [Fact]
    public void QemuArgv()
    {
        var o = new DaemonOptions
        {
            VmDriver = VmDriverKind.Qemu, RuntimeDir = "/run/wblab", Kernel = "/cache/out/vmlinuz", Initramfs = "/cache/out/initramfs.img",
        };
        Golden.Verify("qemu-args.txt", string.Join('\n', WifiBridge.HostController.Vm.QemuCommandLine.Build(o, kvm: false)) + "\n");
    }

    [Theory]
    [InlineData(0, VmExitKind.Reboot)]
    [InlineData(1, VmExitKind.Stopped)]
    [InlineData(2, VmExitKind.Stopped)]
    [InlineData(3, VmExitKind.Crash)]
    [InlineData(4, VmExitKind.Crash)]
    [InlineData(137, VmExitKind.Crash)]
    public void BhyveExitCodes(int code, VmExitKind kind)
    {
        var driver = new BhyveDriver(new DaemonOptions(), new Processes.ProcessRunner(), null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<BhyveDriver>.Instance);
        Assert.Equal(kind, driver.ClassifyExit(code).Kind);
    }
}
