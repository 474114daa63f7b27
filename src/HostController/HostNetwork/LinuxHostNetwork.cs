using WifiBridge.HostController.Processes;

namespace WifiBridge.HostController.HostNetwork;

/// <summary>Linux (the lab): ip(8) tuntap, busybox udhcpc in the background, resolvconf when present.</summary>
public sealed class LinuxHostNetwork(IProcessRunner runner, string runtimeDir) : IHostNetwork
{
    public async Task EnsureTapAsync(string tap, CancellationToken ct)
    {
        if (!(await runner.RunAsync("ip", ["link", "show", "dev", tap], ct).ConfigureAwait(false)).Succeeded)
            (await runner.RunAsync("ip", ["tuntap", "add", "dev", tap, "mode", "tap"], ct).ConfigureAwait(false)).EnsureSuccess();
        (await runner.RunAsync("ip", ["link", "set", "dev", tap, "up"], ct).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task DestroyTapAsync(string tap, CancellationToken ct)
    {
        if ((await runner.RunAsync("ip", ["link", "show", "dev", tap], ct).ConfigureAwait(false)).Succeeded)
            (await runner.RunAsync("ip", ["link", "del", "dev", tap], ct).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task StartDhcpAsync(string tap, CancellationToken ct)
        => (await runner.RunAsync("busybox", ["udhcpc", "-b", "-i", tap, "-p", Path.Combine(runtimeDir, $"udhcpc.{tap}.pid")], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetAddressAsync(string tap, string cidr, CancellationToken ct)
        => (await runner.RunAsync("ip", ["address", "replace", cidr, "dev", tap], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetDefaultRouteAsync(string tap, string gateway, CancellationToken ct)
        => (await runner.RunAsync("ip", [gateway.Contains(':') ? "-6" : "-4", "route", "replace", "default", "via", gateway, "dev", tap], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetDnsAsync(string tap, IReadOnlyList<string> servers, CancellationToken ct)
    {
        var conf = string.Concat(servers.Select(s => $"nameserver {s}\n"));
        (await runner.RunAsync("resolvconf", ["-a", tap], ct, conf).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task ClearDnsAsync(string tap, CancellationToken ct)
        => await runner.RunAsync("resolvconf", ["-d", tap], ct).ConfigureAwait(false);
}
