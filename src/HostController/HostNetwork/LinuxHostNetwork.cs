using WifiBridge.HostController.Processes;

namespace WifiBridge.HostController.HostNetwork;

/// <summary>Linux (the lab): ip(8) tuntap, busybox udhcpc in the background with our own hook
/// script (Debian's busybox ships none), resolvconf when present, else /etc/resolv.conf.</summary>
public sealed class LinuxHostNetwork(IProcessRunner runner, string runtimeDir, bool defaultRoute = true, string resolvConf = "/etc/resolv.conf") : IHostNetwork
{
    /// <summary>udhcpc's hook: it applies the lease itself (address, and the default route when
    /// configured), as dhclient does on FreeBSD. Variables come from udhcpc, which validated them.</summary>
    private const string DhcpHook = """
        #!/bin/sh
        # Written by wbhostd: applies the tap's DHCP lease (busybox udhcpc hook).
        case "$1" in
            deconfig) ip -4 address flush dev "$interface" ;;
            bound) ip -4 address flush dev "$interface"; ip address replace "$ip/${mask:-24}" dev "$interface" ;;
            renew) ip address replace "$ip/${mask:-24}" dev "$interface" ;;
        esac
        case "$1" in
            bound|renew) if [ "$WB_DEFAULT_ROUTE" = yes ] && [ -n "$router" ]; then
                ip -4 route replace default via "${router%% *}" dev "$interface"; fi ;;
        esac
        exit 0

        """;

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
    {
        var hook = Path.Combine(runtimeDir, $"udhcpc.{tap}.sh");
        var pidFile = Path.Combine(runtimeDir, $"udhcpc.{tap}.pid");
        await File.WriteAllTextAsync(hook, DhcpHook.Replace("$WB_DEFAULT_ROUTE", defaultRoute ? "yes" : "no"), ct).ConfigureAwait(false);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // A restarted wbhostd finds the client its predecessor started still holding the lease: keep
        // it. A second udhcpc would begin with "deconfig" and take the tap's address away mid-traffic.
        if (RunningClient(pidFile, tap)) return;
        (await runner.RunAsync("busybox", ["udhcpc", "-b", "-i", tap, "-s", hook, "-p", pidFile], ct).ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>True when <paramref name="pidFile"/> names a live udhcpc process for <paramref name="tap"/>.</summary>
    internal static bool RunningClient(string pidFile, string tap)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || pid <= 0) return false;
            var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var i = Array.IndexOf(argv, "-i");
            return argv.Any(a => Path.GetFileName(a) == "udhcpc") && i >= 0 && i + 1 < argv.Length && argv[i + 1] == tap;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public async Task SetAddressAsync(string tap, string cidr, CancellationToken ct)
        => (await runner.RunAsync("ip", ["address", "replace", cidr, "dev", tap], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetDefaultRouteAsync(string tap, string gateway, CancellationToken ct)
        => (await runner.RunAsync("ip", [gateway.Contains(':') ? "-6" : "-4", "route", "replace", "default", "via", gateway, "dev", tap], ct).ConfigureAwait(false)).EnsureSuccess();

    public async Task SetDnsAsync(string tap, IReadOnlyList<string> servers, CancellationToken ct)
    {
        var conf = string.Concat(servers.Select(s => $"nameserver {s}\n"));
        if (HasResolvconf())
        {
            (await runner.RunAsync("resolvconf", ["-a", tap], ct, conf).ConfigureAwait(false)).EnsureSuccess();
            return;
        }
        // No resolvconf (plain Debian): write the file in place, not by rename, because under
        // `ip netns exec` it is a bind mount of /etc/netns/NAME/resolv.conf.
        await File.WriteAllTextAsync(resolvConf, $"# written by wbhostd from the guest's upstream DNS ({tap})\n" + conf, ct).ConfigureAwait(false);
    }

    public async Task ClearDnsAsync(string tap, CancellationToken ct)
    {
        if (HasResolvconf()) await runner.RunAsync("resolvconf", ["-d", tap], ct).ConfigureAwait(false);
    }

    private static bool HasResolvconf() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "resolvconf")));
}
