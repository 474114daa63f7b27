using WifiBridge.HostController.Processes;

namespace WifiBridge.HostController.HostNetwork;

/// <summary>FreeBSD: ifconfig(8) tap cloning, dhclient(8) in the background (boot never waits for DHCP),
/// route(8), resolvconf(8) keyed by the tap.</summary>
public sealed class FreeBsdHostNetwork(IProcessRunner runner, string runtimeDir) : IHostNetwork
{
    public async Task EnsureTapAsync(string tap, CancellationToken ct)
    {
        if (!(await runner.RunAsync("ifconfig", [tap], ct).ConfigureAwait(false)).Succeeded)
        {
            var created = (await runner.RunAsync("ifconfig", ["tap", "create"], ct).ConfigureAwait(false)).EnsureSuccess().Stdout.Trim();
            if (created.Length == 0 || created.Any(char.IsWhiteSpace))
                throw new ToolFailedException("ifconfig", $"'ifconfig tap create' printed '{created}', not an interface name; load tap support with: kldload if_tuntap");
            if (created != tap)
                (await runner.RunAsync("ifconfig", [created, "name", tap], ct).ConfigureAwait(false)).EnsureSuccess();
        }
        (await runner.RunAsync("ifconfig", [tap, "description", "WifiBridge", "up"], ct).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task DestroyTapAsync(string tap, CancellationToken ct)
    {
        if ((await runner.RunAsync("ifconfig", [tap], ct).ConfigureAwait(false)).Succeeded)
            (await runner.RunAsync("ifconfig", [tap, "destroy"], ct).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task StartDhcpAsync(string tap, CancellationToken ct)
        => (await runner.RunAsync("dhclient", ["-b", "-p", Path.Combine(runtimeDir, $"dhclient.{tap}.pid"), tap], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetAddressAsync(string tap, string cidr, CancellationToken ct)
        => (await runner.RunAsync("ifconfig", [tap, "inet", cidr], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetDefaultRouteAsync(string tap, string gateway, CancellationToken ct)
    {
        var family = gateway.Contains(':') ? "-inet6" : "-inet";
        var add = await runner.RunAsync("route", ["-n", "add", family, "default", gateway], ct).ConfigureAwait(false);
        if (!add.Succeeded)
            (await runner.RunAsync("route", ["-n", "change", family, "default", gateway], ct).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task SetDnsAsync(string tap, IReadOnlyList<string> servers, CancellationToken ct)
    {
        var conf = string.Concat(servers.Select(s => $"nameserver {s}\n"));
        (await runner.RunAsync("resolvconf", ["-a", tap], ct, conf).ConfigureAwait(false)).EnsureSuccess();
    }

    public async Task ClearDnsAsync(string tap, CancellationToken ct)
        => await runner.RunAsync("resolvconf", ["-d", tap], ct).ConfigureAwait(false);
}
