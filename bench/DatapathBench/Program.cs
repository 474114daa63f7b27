using System.Globalization;
using WifiBridge.Bench.Datapath;
using WifiBridge.GuestAgent.Tests.Uplink;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

// DatapathBench: TCP throughput (iperf3) and ping latency from the "host" namespace to the
// "upstream" namespace through the "guest" namespace, (a) routed by the agent's real NAT
// datapath (nft masquerade + conntrack + MSS clamp, as configured by UplinkDatapath) and
// (b) plain routing with no nftables at all (baseline), alternating rounds in the same run.
// Usage (root): dotnet run -c Release --project bench/DatapathBench [-- --rounds N --seconds S --pings P]
var rounds = Arg("--rounds", 5);
var seconds = Arg("--seconds", 5);
var pings = Arg("--pings", 200);

await using var lab = await NetnsLab.CreateAsync();
var options = lab.AgentOptions;
var leases = new UplinkLeaseTracker(lab.GuestRunner, lab.Tools, options, new ListLogger<UplinkLeaseTracker>());
var datapath = new UplinkDatapath(lab.GuestRunner, lab.Tools, options, leases, new ListLogger<UplinkDatapath>());
var lease = await leases.AcquireAsync("wlan0", TimeSpan.FromSeconds(30), CancellationToken.None).WithTimeout(TimeSpan.FromSeconds(35));
var guestUplink = lease.AddressCidr.Split('/')[0];
await lab.InNs(lab.UpstreamNs, "/usr/bin/iperf3", "-s", "-D", "--pidfile", Path.Combine(lab.Directory, "iperf3.pid"));
var status = await datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
await lab.HostDhcpAsync().WithTimeout();
var probe = new TrafficProbe(lab, seconds, pings);
var target = lab.UpstreamAddress;

var fastPath = false; // whether this kernel took the flowtable fast path (nf_flow_table)
var nat = new List<PathMeasurement>();
var routed = new List<PathMeasurement>();
try
{
    for (var round = 1; round <= rounds; round++)
    {
        // (a) the agent's NAT datapath
        await datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
        fastPath = (await lab.InNs(lab.GuestNs, "/usr/sbin/nft", "list", "ruleset")).StandardOutput.Contains("flowtable", StringComparison.Ordinal);
        await Must(lab.InNs(lab.UpstreamNs, "/usr/sbin/ip", "route", "del", status.EthSubnetCidr), tolerate: true);
        nat.Add(await probe.MeasureAsync("nat", target).WithTimeout(TimeSpan.FromSeconds(seconds + 60)));

        // (b) plain routing: our table removed (no nftables, no conntrack hooks), upstream routes back to the host subnet.
        await Must(lab.InNs(lab.GuestNs, "/usr/sbin/nft", "delete", "table", "inet", "wifibridge"));
        await Must(lab.InNs(lab.UpstreamNs, "/usr/sbin/ip", "route", "replace", status.EthSubnetCidr, "via", guestUplink));
        routed.Add(await probe.MeasureAsync("routed", target).WithTimeout(TimeSpan.FromSeconds(seconds + 60)));
        Console.Error.WriteLine($"round {round}/{rounds}: nat {nat[^1].ThroughputBitsPerSecond / 1e9:0.00} Gbit/s {nat[^1].AverageRttMicroseconds:0} µs, routed {routed[^1].ThroughputBitsPerSecond / 1e9:0.00} Gbit/s {routed[^1].AverageRttMicroseconds:0} µs");
    }
}
finally
{
    if (File.Exists(Path.Combine(lab.Directory, "iperf3.pid")) && int.TryParse(File.ReadAllText(Path.Combine(lab.Directory, "iperf3.pid")).Trim(), out var pid))
        try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { }
    try { await datapath.RemoveAsync(CancellationToken.None).WithTimeout(); } catch (Exception) { }
    await leases.ReleaseAsync(CancellationToken.None).WithTimeout();
}

double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
var natBps = Median(nat.Select(m => m.ThroughputBitsPerSecond));
var routedBps = Median(routed.Select(m => m.ThroughputBitsPerSecond));
var natRtt = Median(nat.Select(m => m.AverageRttMicroseconds));
var routedRtt = Median(routed.Select(m => m.AverageRttMicroseconds));
var ratio = natBps / routedBps;
var added = natRtt - routedRtt;

Console.WriteLine($"DatapathBench: host ns -> guest ns -> upstream ns over veth, {rounds} alternating rounds, iperf3 TCP {seconds} s, {pings} pings at 10 ms (medians); NAT {(fastPath ? "with" : "WITHOUT (kernel lacks nf_flow_table)")} the flowtable fast path");
Console.WriteLine("| path                              | TCP throughput  | avg RTT   |");
Console.WriteLine("|-----------------------------------|----------------:|----------:|");
Console.WriteLine($"| plain routing, no nftables (base) | {routedBps / 1e9,8:0.00} Gbit/s | {routedRtt,6:0} µs |");
Console.WriteLine($"| agent NAT datapath (nft masq)     | {natBps / 1e9,8:0.00} Gbit/s | {natRtt,6:0} µs |");
Console.WriteLine($"| NAT vs baseline                   | {ratio,13:0.000} x | {added,6:+0;-0} µs |");
Console.WriteLine($"targets: throughput ratio >= 0.90 ({(ratio >= 0.90 ? "met" : "NOT met")}), added latency <= 50 µs ({(added <= 50 ? "met" : "NOT met")})");
WifiBridge.Bench.FigureFile.Record("datapath: NAT TCP throughput vs plain routing", ratio, "x",
    $"{natBps / 1e9:0.00} vs {routedBps / 1e9:0.00} Gbit/s over veth, {(fastPath ? "flowtable fast path" : "no flowtable in this kernel")}; target >= 0.90");
WifiBridge.Bench.FigureFile.Record("datapath: NAT added ping latency", added, "µs", $"{natRtt:0} vs {routedRtt:0} µs; target <= 50");
return 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task Must(Task<CommandResult> run, bool tolerate = false)
{
    var r = await run;
    if (!r.Succeeded && !tolerate) throw new InvalidOperationException($"{r.CommandLine}: {r.Diagnostic}");
}
