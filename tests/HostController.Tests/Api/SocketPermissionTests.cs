using System.Diagnostics;
using WifiBridge.HostController.Tests.Infrastructure;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Api;

/// <summary>The local API's access rules with a real wbhostd, the real wbhost CLI and real kernel credentials:
/// the socket is 0660 root:socket_group; socket_group members read; changes need root or admin_group (checked
/// on the peer's SO_PEERCRED credentials); everyone else cannot even connect. The CLI runs as uid 65534 through
/// setpriv(1) with the gids each case needs (tests run as root, as in CI).</summary>
public sealed class SocketPermissionTests : IDisposable
{
    // Numeric groups that need no /etc/group entry (socket_group/admin_group accept a gid).
    private const string Readers = "47101";
    private const string Admins = "47102";
    private static readonly string[] Reader = ["--reuid=65534", $"--regid={Readers}", "--clear-groups"];
    private static readonly string[] Admin = ["--reuid=65534", "--regid=65534", $"--groups={Readers},{Admins}"];
    private static readonly string[] Outsider = ["--reuid=65534", "--regid=65534", "--clear-groups"];

    private readonly TestDirectory _dir = new();
    private readonly FakeTools _fakes;

    public SocketPermissionTests() => _fakes = new FakeTools(_dir);

    public void Dispose()
    {
        _fakes.KillVm();
        _dir.Dispose();
    }

    [Fact]
    public async Task GroupMembersReadOnlyAdminsChangeOutsidersCannotConnect()
    {
        Assert.True(Environment.UserName == "root", "this test switches to uid 65534 with setpriv and needs root (CI runs as root)");
        CliRunner.AssertDotnetUsableByOthers();
        var paths = DaemonProcess.Configure(_dir, [$"socket_group = {Readers}", $"admin_group = {Admins}"]);
        File.WriteAllText(paths.NetworksFile, """
            { "version": 1, "networks": [
              { "ssid": "SG9tZU5ldA==", "security": "Wpa2Psk", "passphrase": "correct horse battery", "priority": 10, "autoconnect": true },
              { "ssid": "V29yaw==", "security": "Open", "priority": 1, "autoconnect": true }
            ] }
            """);
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        await Eventually.Get(async () => await daemon.Client().GetVmStatusAsync(new VmRequest()), s => s.State == VmState.Running, "VM running");
        await using var guest = await FakeGuest.StartAsync(paths.AgentSocket);
        await Eventually.Get(async () => await daemon.Client().GetStatusAsync(new HostStatusRequest()), s => s.Link == GuestLinkState.Ready, "link READY");
        var cli = new CliRunner(_dir, paths.Socket);

        // stat(1): mode 0660, owner root, group socket_group.
        Assert.Equal($"660 0 {Readers}", (await Stat(paths.Socket)).Trim());

        // A socket_group member reads: status, scan, saved networks.
        var status = await cli.RunAsync(["status"], Reader);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("ready", status.Stdout, StringComparison.OrdinalIgnoreCase);
        var scan = await cli.RunAsync(["scan"], Reader);
        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains("HomeNet", scan.Stdout);
        var list = await cli.RunAsync(["--json", "networks", "list"], Reader);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.DoesNotContain("correct horse", list.Stdout);

        // ...but every change is refused with PermissionDenied (exit 5) naming the group and the fix, and nothing changes.
        foreach (var change in new[] { new[] { "networks", "forget", "HomeNet" }, ["disconnect"], ["vm", "stop"], ["networks", "priority", "Work", "50"] })
        {
            var refused = await cli.RunAsync(change, Reader);
            Assert.True(refused.ExitCode == 5, $"wbhost {string.Join(' ', change)}: {refused}");
            Assert.Contains("is not allowed for uid 65534: it needs root or membership in group '47102'", refused.Stderr);
            Assert.Contains($"pw groupmod {Admins} -m $USER", refused.Stderr);
        }
        Assert.Equal(2, (await daemon.Client().ListNetworksAsync(new ListNetworksRequest())).Networks.Count);
        Assert.Equal(VmState.Running, (await daemon.Client().GetVmStatusAsync(new VmRequest())).State);
        Assert.Contains("[403] MutationAuthorizer: Refused ForgetNetwork for uid 65534", daemon.Log);

        // An admin_group member (also in socket_group, to reach the socket) changes things.
        var forget = await cli.RunAsync(["networks", "forget", "HomeNet"], Admin);
        Assert.True(forget.ExitCode == 0, forget.ToString());
        Assert.Equal("Work", Assert.Single((await daemon.Client().ListNetworksAsync(new ListNetworksRequest())).Networks).SsidDisplay);

        // Root is always allowed.
        var priority = await cli.RunAsync(["networks", "priority", "Work", "50"]);
        Assert.True(priority.ExitCode == 0, priority.ToString());

        // Outside socket_group: the kernel refuses the connection itself; the CLI says so with the fix (exit 5).
        var outsider = await cli.RunAsync(["status"], Outsider);
        Assert.True(outsider.ExitCode == 5, outsider.ToString());
        Assert.Contains($"permission denied on {paths.Socket}: join the group that owns it", outsider.Stderr);
        Assert.DoesNotContain("Unhandled", outsider.Stderr);
        daemon.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task WithoutAdminGroupSocketGroupMembersMayChange()
    {
        Assert.True(Environment.UserName == "root", "this test switches to uid 65534 with setpriv and needs root (CI runs as root)");
        CliRunner.AssertDotnetUsableByOthers();
        var paths = DaemonProcess.Configure(_dir, [$"socket_group = {Readers}", "autostart = no"]);
        await using var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        var cli = new CliRunner(_dir, paths.Socket);
        Assert.Equal($"660 0 {Readers}", (await Stat(paths.Socket)).Trim());

        // Past the authorizer: the call reaches the store and fails NotFound (exit 10), not PermissionDenied.
        var forget = await cli.RunAsync(["networks", "forget", "Nowhere"], Reader);
        Assert.True(forget.ExitCode == 10, forget.ToString());
        var outsider = await cli.RunAsync(["networks", "forget", "Nowhere"], Outsider);
        Assert.True(outsider.ExitCode == 5, outsider.ToString());
        Assert.Contains("permission denied on " + paths.Socket, outsider.Stderr);
    }

    private static async Task<string> Stat(string path)
    {
        var psi = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "%a %u %g", path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync().WithTimeout();
        await p.WaitForExitAsync().WithTimeout();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
