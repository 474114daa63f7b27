using System.Globalization;
using WifiBridge.Bench.Datapath;
using WifiBridge.GuestAgent.Tests.Uplink;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

// DatapathBench: TCP throughput (iperf3) and ping latency from the "host" namespace to the
// "upstream" namespace through the "guest" namespace, (a) routed by the agent's real NAT
// datapath (its ruleset, as configured by UplinkDatapath) and (b) plain routing with no nftables
// table at all (the baseline), plus two reference rulesets that split the agent's cost (conntrack
// alone; conntrack + the agent's masquerade rule alone). Every round measures every path; the
// order of the paths is rotated from round to round so no path always runs first or last; the
// ratio is taken per round (paired) and reported as median [min..max] over the rounds.
// The paths differ only in the guest's nftables tables and the upstream's return route; the bench
// checks that plain routing created no conntrack entry and that every link's MTU and GSO/GRO/TSO
// limits were the same for every measurement.
// Usage (root): dotnet run -c Release --project bench/DatapathBench [-- --rounds N --seconds S --pings P --pin C,S|none --no-references]
var rounds = Arg("--rounds", 8);
var seconds = Arg("--seconds", 5);
var pings = Arg("--pings", 200);
var pinArg = StringArg("--pin", "0,1");
string? affinity = pinArg == "none" ? null : pinArg;
var withReferences = !args.Contains("--no-references");
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();

await using var lab = await NetnsLab.CreateAsync();
var options = lab.AgentOptions;
var leases = new UplinkLeaseTracker(lab.GuestRunner, lab.Tools, options, new ListLogger<UplinkLeaseTracker>());
var datapath = new UplinkDatapath(lab.GuestRunner, lab.Tools, options, leases, new ListLogger<UplinkDatapath>());
var lease = await leases.AcquireAsync("wlan0", TimeSpan.FromSeconds(30), CancellationToken.None).WithTimeout(TimeSpan.FromSeconds(35));
var guestUplink = lease.AddressCidr.Split('/')[0];
await lab.InNs(lab.UpstreamNs, "/usr/bin/iperf3", "-s", "-D", "--pidfile", Path.Combine(lab.Directory, "iperf3.pid"));
var status = await datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
await lab.HostDhcpAsync().WithTimeout();
var probe = new TrafficProbe(lab, seconds, pings, affinity);
var target = lab.UpstreamAddress;

List<ForwardingPath> paths = [ForwardingPath.Routed, ForwardingPath.AgentNat];
if (withReferences) paths.AddRange([ForwardingPath.ConntrackOnly, ForwardingPath.MasqueradeOnly(options.EthInterface, status.EthSubnetCidr)]);

var fastPath = false; // whether this kernel took the flowtable fast path (nf_flow_table)
var measurements = new List<PathMeasurement>();
try
{
    for (var round = 0; round < rounds; round++)
    {
        var order = Enumerable.Range(0, paths.Count).Select(i => paths[(i + round) % paths.Count]).ToList();
        foreach (var path in order)
        {
            await UseAsync(path);
            if (path == ForwardingPath.AgentNat)
                fastPath = (await lab.GuestRulesetAsync()).Contains("flowtable", StringComparison.Ordinal);
            measurements.Add(await probe.MeasureAsync(path, round, target).WithTimeout(TimeSpan.FromSeconds(seconds + 60)));
        }
        Console.Error.WriteLine($"round {round + 1}/{rounds}: " + string.Join(", ", measurements.Where(m => m.Round == round)
            .Select(m => $"{m.Path.Name} {m.ThroughputBitsPerSecond / 1e9:0.00} Gbit/s {m.AverageRttMicroseconds:0} µs")));
    }
}
finally
{
    if (File.Exists(Path.Combine(lab.Directory, "iperf3.pid")) && int.TryParse(File.ReadAllText(Path.Combine(lab.Directory, "iperf3.pid")).Trim(), out var pid))
        try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { }
    try { await datapath.RemoveAsync(CancellationToken.None).WithTimeout(); } catch (Exception) { }
    await leases.ReleaseAsync(CancellationToken.None).WithTimeout();
}

// The evidence that the paths differ only where they should.
if (measurements.Where(m => m.Path == ForwardingPath.Routed).Sum(m => m.ConntrackEntriesCreated) is var tracked and > 0)
    throw new InvalidOperationException($"the plain-routing baseline created {tracked} conntrack entries: it is not free of conntrack");
if (measurements.Select(m => m.LinkSettings).Distinct().ToList() is { Count: > 1 } settings)
    throw new InvalidOperationException("link MTU/offload limits changed between measurements:\n" + string.Join('\n', settings));
foreach (var path in paths.Where(p => p != ForwardingPath.Routed))
    if (measurements.Where(m => m.Path == path).Any(m => m.ConntrackEntriesCreated == 0))
        Console.Error.WriteLine($"warning: a {path.Name} measurement created no conntrack entry (was it tracked?)");

var baseline = measurements.Where(m => m.Path == ForwardingPath.Routed).ToDictionary(m => m.Round);
Spread Throughput(ForwardingPath p) => Spread.Of(measurements.Where(m => m.Path == p).Select(m => m.ThroughputBitsPerSecond));
Spread Rtt(ForwardingPath p) => Spread.Of(measurements.Where(m => m.Path == p).Select(m => m.AverageRttMicroseconds));
Spread Ratio(ForwardingPath p) => Spread.Of(measurements.Where(m => m.Path == p).Select(m => m.ThroughputBitsPerSecond / baseline[m.Round].ThroughputBitsPerSecond));
Spread AddedRtt(ForwardingPath p) => Spread.Of(measurements.Where(m => m.Path == p).Select(m => m.AverageRttMicroseconds - baseline[m.Round].AverageRttMicroseconds));
double CtEntries(ForwardingPath p) => measurements.Where(m => m.Path == p).Average(m => m.ConntrackEntriesCreated);

Console.WriteLine($"DatapathBench: host ns -> guest ns -> upstream ns over veth; {rounds} rounds, each measures every path, path order rotated per round; " +
    $"iperf3 TCP {seconds} s (+1 s omitted) {(affinity is null ? "unpinned" : $"pinned -A {affinity}")}, {pings} pings at 10 ms; " +
    $"agent NAT {(fastPath ? "with" : "WITHOUT (kernel lacks nf_flow_table)")} the flowtable fast path");
Console.WriteLine($"links (same for every measurement): {measurements[0].LinkSettings}");
// Other work on the machine caps the throughput of every path alike and so dilutes the NAT's share of the cost:
// compare ratios only between runs at similar load (an idle machine shows the forwarding cost best).
Console.WriteLine($"machine: {Environment.ProcessorCount} CPUs, /proc/loadavg before {loadBefore}, after {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("values: median [min..max] over the rounds; ratio and added RTT are paired with the baseline of the same round");
Console.WriteLine("| path                              | TCP Gbit/s          | ratio vs base          | avg RTT µs      | added RTT µs    | ct entries |");
Console.WriteLine("|-----------------------------------|---------------------|------------------------|-----------------|-----------------|-----------:|");
foreach (var p in paths)
    Console.WriteLine($"| {p.Label,-33} | {Throughput(p).Format("0.00", 1e9),-19} | {Ratio(p).Format("0.000"),-22} | {Rtt(p).Format("0"),-15} | {AddedRtt(p).Format("+0;-0;0"),-15} | {CtEntries(p),10:0.0} |");
var ratio = Ratio(ForwardingPath.AgentNat);
var added = AddedRtt(ForwardingPath.AgentNat);
Console.WriteLine($"targets (agent NAT, medians): throughput ratio >= 0.90 ({(ratio.Median >= 0.90 ? "met" : "NOT met")}), added latency <= 50 µs ({(added.Median <= 50 ? "met" : "NOT met")})");
WifiBridge.Bench.FigureFile.Record("datapath: NAT TCP throughput vs plain routing", ratio.Median, "x",
    $"median of {rounds} paired rounds [{ratio.Min:0.000}..{ratio.Max:0.000}], {Throughput(ForwardingPath.AgentNat).Median / 1e9:0.00} vs {Throughput(ForwardingPath.Routed).Median / 1e9:0.00} Gbit/s over veth, {(fastPath ? "flowtable fast path" : "no flowtable in this kernel")}; target >= 0.90");
WifiBridge.Bench.FigureFile.Record("datapath: NAT added ping latency", added.Median, "µs",
    $"median of {rounds} paired rounds [{added.Min:0}..{added.Max:0}], {Rtt(ForwardingPath.AgentNat).Median:0} vs {Rtt(ForwardingPath.Routed).Median:0} µs; target <= 50");
return 0;

// Puts the guest namespace (tables) and the upstream (return route) in the state of one path.
async Task UseAsync(ForwardingPath path)
{
    await Must(lab.InNs(lab.GuestNs, "/usr/sbin/nft", "delete", "table", "inet", ForwardingPath.ReferenceTable), tolerate: true);
    if (path == ForwardingPath.AgentNat)
        await datapath.ConfigureAsync(new UplinkConfig(), CancellationToken.None).WithTimeout();
    else
    {
        await Must(lab.InNs(lab.GuestNs, "/usr/sbin/nft", "delete", "table", "inet", NftRulesetBuilder.Table), tolerate: true);
        if (path.ReferenceRuleset is { } reference)
        {
            var file = Path.Combine(lab.Directory, "reference.nft");
            await File.WriteAllTextAsync(file, reference);
            await Must(lab.InNs(lab.GuestNs, "/usr/sbin/nft", "-f", file));
        }
        else if ((await lab.GuestRulesetAsync()).Trim().Length > 0)
            throw new InvalidOperationException($"the baseline's guest namespace still has nftables tables:\n{await lab.GuestRulesetAsync()}");
    }
    if (path.Masquerades)
        await Must(lab.InNs(lab.UpstreamNs, "/usr/sbin/ip", "route", "del", status.EthSubnetCidr), tolerate: true);
    else
        await Must(lab.InNs(lab.UpstreamNs, "/usr/sbin/ip", "route", "replace", status.EthSubnetCidr, "via", guestUplink));
}

int Arg(string name, int fallback) => int.Parse(StringArg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string StringArg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static async Task Must(Task<CommandResult> run, bool tolerate = false)
{
    var r = await run;
    if (!r.Succeeded && !tolerate) throw new InvalidOperationException($"{r.CommandLine}: {r.Diagnostic}");
}
