using System.Diagnostics;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>
/// Three network namespaces standing in for the real setup (the host kernel has no cfg80211):
/// "host" (tap0, like the FreeBSD tap) &lt;-veth-&gt; "guest" (eth0; wlan0 is a veth standing in
/// for the Wi-Fi uplink) &lt;-veth-&gt; "upstream" (lan0: a DHCP server with RA, an HTTP server).
/// Names are unique per instance; everything is torn down in DisposeAsync, even after a failure.
/// Only addresses inside these namespaces are ever used.
/// </summary>
public sealed class NetnsLab : IAsyncDisposable
{
    private const string IpTool = "/usr/sbin/ip";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ProcessCommandRunner _root = new();
    private readonly List<IRunningCommand> _processes = [];
    private readonly List<string> _namespaces = [];
    private IRunningCommand? _upstreamDhcp;

    public string Id { get; } = Guid.NewGuid().ToString("N")[..6];
    public string HostNs => $"wbdh{Id}";
    public string GuestNs => $"wbdg{Id}";
    public string UpstreamNs => $"wbdu{Id}";
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("wbdp-").FullName;
    public string UpstreamAddress { get; private set; } = "192.168.50.1";
    public const string UpstreamIpv6 = "2001:db8:50::1";
    public static readonly string[] UpstreamDns = ["192.168.50.53", "192.168.50.54"];
    public const string UpstreamDomain = "lab.example";
    public const string PageText = "hello through the WifiBridge datapath";
    public System.Collections.Concurrent.ConcurrentQueue<string> HttpLog { get; } = new();

    /// <summary>The runner the agent's datapath code uses: everything inside the guest namespace.</summary>
    public ProcessCommandRunner GuestRunner => new([IpTool, "netns", "exec", GuestNs]);

    public UplinkTools Tools => new()
    {
        Nft = "/usr/sbin/nft", Ip = IpTool, Sysctl = "/usr/sbin/sysctl", Dnsmasq = "/usr/sbin/dnsmasq",
        Udhcpc = Path.Combine(Directory, "udhcpc"), Iw = "/usr/sbin/iw",
    };

    public AgentOptions AgentOptions => new() { EthInterface = "eth0", WlanInterface = "wlan0", RuntimeDirectory = Path.Combine(Directory, "run") };

    public static async Task<NetnsLab> CreateAsync()
    {
        Prerequisites.RequireRootAndTools();
        var lab = new NetnsLab();
        try { await lab.BuildAsync().WithTimeout(TimeSpan.FromSeconds(60)); }
        catch { await lab.DisposeAsync(); throw; }
        return lab;
    }

    private async Task BuildAsync()
    {
        File.CreateSymbolicLink(Path.Combine(Directory, "udhcpc"), Prerequisites.Busybox);
        foreach (var ns in new[] { HostNs, GuestNs, UpstreamNs })
        {
            await Root(IpTool, "netns", "add", ns);
            _namespaces.Add(ns);
            await Root(IpTool, "-n", ns, "link", "set", "lo", "up");
        }
        await Root(IpTool, "link", "add", "eth0", "netns", GuestNs, "type", "veth", "peer", "name", "tap0", "netns", HostNs);
        await Root(IpTool, "link", "add", "wlan0", "netns", GuestNs, "type", "veth", "peer", "name", "lan0", "netns", UpstreamNs);
        await Root(IpTool, "-n", HostNs, "link", "set", "tap0", "up");
        await Root(IpTool, "-n", GuestNs, "link", "set", "wlan0", "up");
        await Root(IpTool, "-n", UpstreamNs, "link", "set", "lan0", "up");
        await Root(IpTool, "-n", UpstreamNs, "-6", "addr", "add", $"{UpstreamIpv6}/64", "dev", "lan0", "nodad");
        await StartUpstreamDhcpAsync("192.168.50.1/24");

        var www = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "www")).FullName;
        File.WriteAllText(Path.Combine(www, "page.txt"), PageText);
        _processes.Add(_root.Start(IpTool, ["netns", "exec", UpstreamNs, Prerequisites.Python, "-m", "http.server", "8080", "--bind", "::", "--directory", www],
            line => HttpLog.Enqueue(line)));
        await WaitUntilAsync(async () => (await InNs(UpstreamNs, "/usr/bin/curl", "-sf", "--max-time", "2", "http://127.0.0.1:8080/page.txt")).Succeeded,
            "the upstream HTTP server did not start");
    }

    /// <summary>(Re)starts the upstream network on <paramref name="routerCidr"/> (e.g. a new Wi-Fi network after a roam).</summary>
    public async Task StartUpstreamDhcpAsync(string routerCidr)
    {
        if (_upstreamDhcp is { } old)
        {
            await old.StopAsync();
            _processes.Remove(old);
        }
        var subnet = Ipv4Subnet.Parse(routerCidr, requireNetworkAddress: false);
        UpstreamAddress = routerCidr.Split('/')[0];
        await Root(IpTool, "-n", UpstreamNs, "-4", "addr", "flush", "dev", "lan0");
        await Root(IpTool, "-n", UpstreamNs, "addr", "add", routerCidr, "dev", "lan0");
        var first = subnet.Host(100);
        var last = subnet.Host(150);
        _upstreamDhcp = _root.Start(IpTool, ["netns", "exec", UpstreamNs, "/usr/sbin/dnsmasq", "--keep-in-foreground", "--log-facility=-",
            "--port=0", "--interface=lan0", "--bind-interfaces", "--dhcp-authoritative",
            $"--dhcp-leasefile={Path.Combine(Directory, "upstream.leases")}", $"--pid-file={Path.Combine(Directory, "upstream.pid")}",
            $"--dhcp-range={first},{last},{subnet.NetmaskAddress},5m",
            $"--dhcp-option=option:dns-server,{string.Join(',', UpstreamDns)}", $"--dhcp-option=option:domain-name,{UpstreamDomain}",
            "--enable-ra", "--dhcp-range=2001:db8:50::,ra-only,64"], _ => { });
        _processes.Add(_upstreamDhcp);
        await Task.Delay(300);
        if (_upstreamDhcp.Exited.IsCompleted) throw new InvalidOperationException("upstream dnsmasq did not start");
    }

    /// <summary>The host side asks for an address by DHCP (busybox udhcpc, once) and configures it.
    /// Returns the variables udhcpc handed its script (ip, mask, router, dns, domain...).</summary>
    public async Task<Dictionary<string, string>> HostDhcpAsync()
    {
        var envFile = Path.Combine(Directory, "host-lease.env");
        File.Delete(envFile);
        var script = Path.Combine(Directory, "host-udhcpc.sh");
        File.WriteAllText(script, $"""
            #!/bin/sh
            case "$1" in
            bound|renew)
              {IpTool} -4 addr flush dev "$interface"
              {IpTool} addr add "$ip/$mask" dev "$interface"
              {IpTool} route replace default via "$router" dev "$interface"
              env > '{envFile}'
              ;;
            esac
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var r = await InNs(HostNs, Prerequisites.Busybox, "udhcpc", "-f", "-q", "-n", "-i", "tap0", "-s", script, "-O", "mtu", "-t", "8", "-T", "1");
        if (!r.Succeeded || !File.Exists(envFile))
            throw new InvalidOperationException($"the host got no DHCP lease from the guest: {r.Diagnostic}");
        return File.ReadAllLines(envFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
    }

    /// <summary>curl from the host namespace; returns the body (or throws with curl's words).</summary>
    public async Task<string> HostFetchAsync(string url)
    {
        var r = await InNs(HostNs, "/usr/bin/curl", "-sS", "--max-time", "5", url);
        if (!r.Succeeded) throw new InvalidOperationException($"curl {url} from the host failed: {r.Diagnostic}\n{await DescribeAsync()}");
        return r.StandardOutput;
    }

    /// <summary>Addresses and routes of all three namespaces, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var ns in new[] { HostNs, GuestNs, UpstreamNs })
            foreach (var args in new[] { new[] { "-o", "addr" }, ["route"], ["-6", "route"] })
                sb.Append($"[{ns}] ip {string.Join(' ', args)}:\n{(await InNs(ns, IpTool, args)).StandardOutput}");
        return sb.ToString();
    }

    public Task<CommandResult> InNs(string ns, string tool, params string[] args)
        => _root.RunAsync(IpTool, ["netns", "exec", ns, tool, .. args], null, Timeout, CancellationToken.None);

    /// <summary>Whether this kernel offers nftables flowtables (nf_flow_table), asked in the guest
    /// namespace with a scratch table that `nft -c` checks and never commits.</summary>
    public async Task<bool> KernelHasFlowtablesAsync()
    {
        var probe = Path.Combine(Directory, "flowtable-probe.nft");
        await File.WriteAllTextAsync(probe, "table inet wbprobe {\n\tflowtable f {\n\t\thook ingress priority filter;\n\t\tdevices = { \"eth0\" };\n\t}\n}\n");
        return (await InNs(GuestNs, "/usr/sbin/nft", "-c", "-f", probe)).ExitCode == 0;
    }

    public async Task<string> GuestRulesetAsync() => (await InNs(GuestNs, "/usr/sbin/nft", "list", "ruleset")).StandardOutput;

    public async Task<string> GuestAddressesAsync(string dev) => (await InNs(GuestNs, IpTool, "-o", "addr", "show", "dev", dev)).StandardOutput;

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{failure} (waited {seconds} s)");
            await Task.Delay(200);
        }
    }

    private async Task Root(string tool, params string[] args)
    {
        var r = await _root.RunAsync(tool, args, null, Timeout, CancellationToken.None);
        if (!r.Succeeded) throw new InvalidOperationException($"{r.CommandLine}: {r.Diagnostic}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes) { await p.StopAsync(); p.Dispose(); }
        foreach (var ns in _namespaces)
        {
            // Anything still running in our namespaces was started by this test (agent children, udhcpc).
            var pids = await _root.RunAsync(IpTool, ["netns", "pids", ns], null, Timeout, CancellationToken.None);
            foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                try { Process.GetProcessById(int.Parse(pid)).Kill(); } catch (ArgumentException) { }
            await _root.RunAsync(IpTool, ["netns", "del", ns], null, Timeout, CancellationToken.None);
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
