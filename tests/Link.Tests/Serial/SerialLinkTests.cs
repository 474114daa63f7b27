using Grpc.Core;
using WifiBridge.Link.Guest;
using WifiBridge.Link.Host;
using WifiBridge.Link.Tests.Fakes;
using WifiBridge.Link.Tests.Grpc;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Link.Tests.Serial;

/// <summary>The device paths (PosixDeviceChannel, raw mode, poll) over real ptys joined by socat.</summary>
public class SerialLinkTests
{
    [Fact]
    public async Task Grpc_OverASerialPtyPair_WithGarbageOnTheLineFirst()
    {
        await using var ptys = await SocatPtyPair.StartAsync();
        // Line noise / a login prompt already sitting in the guest's tty before the agent starts.
        await using (var noise = Posix.PosixDeviceChannel.Open(ptys.HostPath))
            await noise.WriteAsync("\r\nWelcome to Alpine\r\nlogin: \0\0\xff"u8.ToArray(), CancellationToken.None);
        await using var server = await TestGuestServer.StartAsync(new SerialDeviceEndPoint(ptys.GuestPath));
        await using var connector = new LinkConnector(LinkTarget.SerialDevice(ptys.HostPath));
        using var channel = LinkGrpcClient.Create(connector);
        var info = await new GuestAgent.GuestAgentClient(channel)
            .GetInfoAsync(new GetInfoRequest(), new Metadata { { "x-pad-bytes", "100000" } }, DateTime.UtcNow.AddSeconds(25)).ResponseAsync.WithTimeout();
        Assert.Equal(100000, info.Kernel.Length);
        using var call = new GuestWifi.GuestWifiClient(channel).WatchSignal(new WatchSignalRequest());
        for (var i = 1; i <= 200; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext().WithTimeout());
            Assert.Equal(-i, call.ResponseStream.Current.RssiDbm);
        }
        Assert.Equal(LinkConnectionState.Ready, connector.Status.State);
    }

    [Fact]
    public async Task VirtioPort_IsFoundByNameInSysfs_EvenWhenTheNameAppearsLater()
    {
        await using var ptys = await SocatPtyPair.StartAsync();
        var root = Path.Combine(Path.GetTempPath(), $"wb-sysfs-{Guid.NewGuid():N}");
        var sysfs = Path.Combine(root, "sys/class/virtio-ports");
        var dev = Path.Combine(root, "dev");
        try
        {
            Directory.CreateDirectory(Path.Combine(sysfs, "vport0p0"));
            Directory.CreateDirectory(Path.Combine(sysfs, "vport0p1"));
            Directory.CreateDirectory(dev);
            File.WriteAllText(Path.Combine(sysfs, "vport0p0/name"), "org.qemu.guest_agent.0\n");
            File.CreateSymbolicLink(Path.Combine(dev, "vport0p0"), "/dev/null");
            File.CreateSymbolicLink(Path.Combine(dev, "vport0p1"), ptys.GuestPath);
            var endPoint = new VirtioPortEndPoint("org.wifibridge.agent.0", sysfs, dev);
            Assert.Null(endPoint.TryResolve(out var reason));
            Assert.Contains("vport0p0=org.qemu.guest_agent.0", reason);
            await using var server = await TestGuestServer.StartAsync(endPoint);
            // bhyve sends PORT_NAME only when the host connects: the name shows up after the agent started.
            await Task.Delay(300);
            File.WriteAllText(Path.Combine(sysfs, "vport0p1/name"), "org.wifibridge.agent.0\n");
            Assert.Equal(Path.Combine(dev, "vport0p1"), endPoint.TryResolve(out _));
            await using var connector = new LinkConnector(LinkTarget.SerialDevice(ptys.HostPath), LinkOptions.Default);
            using var channel = LinkGrpcClient.Create(connector);
            var info = await new GuestAgent.GuestAgentClient(channel)
                .GetInfoAsync(new GetInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(25)).ResponseAsync.WithTimeout();
            Assert.Equal("test", info.AgentVersion);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task OpeningAMissingDevice_FailsWithTheCause()
    {
        var error = Assert.Throws<IOException>(() => Posix.PosixDeviceChannel.Open("/dev/wb-no-such-tty"));
        Assert.Contains("/dev/wb-no-such-tty", error.Message);
        Assert.Contains("no such device", error.Message);
        await Task.CompletedTask;
    }
}
