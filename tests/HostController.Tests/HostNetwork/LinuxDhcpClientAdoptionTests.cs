using System.Diagnostics;
using WifiBridge.HostController.HostNetwork;

namespace WifiBridge.HostController.Tests.HostNetwork;

/// <summary>A restarted wbhostd keeps the udhcpc its predecessor left on the tap (a second one would
/// deconfigure the address mid-traffic); only a live udhcpc for that very tap counts.</summary>
public sealed class LinuxDhcpClientAdoptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-dhcp-adopt-").FullName;

    [Fact]
    public void OnlyALiveUdhcpcForTheSameTapIsAdopted()
    {
        // A stand-in whose argv looks like the real client's: .../udhcpc -i wbtap7 (it only sleeps).
        var client = Path.Combine(_dir, "udhcpc");
        File.WriteAllText(client, "#!/bin/sh\nsleep 60\n");
        File.SetUnixFileMode(client, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var process = Process.Start(new ProcessStartInfo(client) { ArgumentList = { "-i", "wbtap7" } })!; // argv: /bin/sh .../udhcpc -i wbtap7
        try
        {
            var pidFile = Path.Combine(_dir, "udhcpc.wbtap7.pid");
            File.WriteAllText(pidFile, process.Id + "\n");
            for (var i = 0; i < 50 && !File.ReadAllText($"/proc/{process.Id}/cmdline").Contains("wbtap7"); i++) Thread.Sleep(20);

            Assert.True(LinuxHostNetwork.RunningClient(pidFile, "wbtap7"), File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' '));
            Assert.False(LinuxHostNetwork.RunningClient(pidFile, "wbtap8"));

            File.WriteAllText(pidFile, Environment.ProcessId + "\n"); // alive, but not udhcpc
            Assert.False(LinuxHostNetwork.RunningClient(pidFile, "wbtap7"));
            Assert.False(LinuxHostNetwork.RunningClient(Path.Combine(_dir, "missing.pid"), "wbtap7"));
            File.WriteAllText(pidFile, "garbage");
            Assert.False(LinuxHostNetwork.RunningClient(pidFile, "wbtap7"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(LinuxHostNetwork.RunningClient(Path.Combine(_dir, "udhcpc.wbtap7.pid"), "wbtap7"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
