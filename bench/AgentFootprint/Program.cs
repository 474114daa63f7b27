using System.Diagnostics;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Net.Client;
using WifiBridge.Bench.AgentFootprint;
using WifiBridge.Protocol.V1;

// Agent footprint benchmark. Runs the published static wbguest against the real wpa_supplicant
// (wired driver on a fresh veth pair: this host has no cfg80211, so scans are not part of the
// local run) and an empty native-AOT program as the baseline, in the same run.
var agentPath = Arg("--agent") ?? throw new ArgumentException("--agent PATH (static wbguest) is required; see run.sh");
var baselinePath = Arg("--baseline") ?? throw new ArgumentException("--baseline PATH (EmptyAot) is required; see run.sh");
var calls = int.Parse(Arg("--calls") ?? "1000");
// --agent-env NAME=VALUE (repeatable): runs the agent with it, to compare runtime settings.
var agentEnv = args.Select((a, i) => (a, i)).Where(x => x.a == "--agent-env" && x.i + 1 < args.Length)
    .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
// --agent-cpus N: pins the agent to N CPUs (taskset), as in the 1-vCPU guest; the runtime sizes its GC and thread pool by it.
var agentCpus = Arg("--agent-cpus");
var burstCalls = int.Parse(Arg("--burst") ?? "0");
const long GrowthToleranceKb = 512;

var tag = Guid.NewGuid().ToString("N")[..6];
var runDir = Directory.CreateTempSubdirectory($"wbw-bench-{tag}-").FullName;
string wlan = $"wbb{tag}a", peer = $"wbb{tag}b";
Run("ip", "link", "add", wlan, "type", "veth", "peer", "name", peer);
Run("ip", "link", "set", wlan, "up");
Run("ip", "link", "set", peer, "up");
Process? agent = null;
try
{
    // wbguest always asks for nl80211,wext; the wrapper swaps in the wired driver for this veth.
    var wrapper = Path.Combine(runDir, "wpa_supplicant-wired.sh");
    File.WriteAllText(wrapper, "#!/bin/sh\nfor a in \"$@\"; do shift; [ \"$a\" = \"nl80211,wext\" ] && a=wired; set -- \"$@\" \"$a\"; done\nexec /sbin/wpa_supplicant \"$@\"\n");
    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    var baselineProcess = Process.Start(new ProcessStartInfo(baselinePath) { RedirectStandardOutput = true })!;
    baselineProcess.StandardOutput.ReadLine();
    Thread.Sleep(1000);
    var baseline = MemorySnapshot.Read(baselineProcess.Id);
    baselineProcess.Kill();
    baselineProcess.WaitForExit();

    var socket = Path.Combine(runDir, "api.sock");
    var clock = Stopwatch.StartNew();
    string[] agentArgs = ["--no-virtio", "--listen-unix", socket, "--wlan", wlan, "--runtime-dir", Path.Combine(runDir, "rt"), "--wpa-supplicant", wrapper, "--log-level", "Warning"];
    var agentStart = agentCpus is null
        ? new ProcessStartInfo(agentPath, agentArgs)
        : new ProcessStartInfo("taskset", ["-c", $"0-{int.Parse(agentCpus) - 1}", agentPath, .. agentArgs]); // taskset execs: same pid
    agentStart.RedirectStandardOutput = agentStart.RedirectStandardError = true;
    agentStart.WorkingDirectory = "/"; // as under OpenRC's supervise-daemon
    foreach (var (name, value) in agentEnv) agentStart.Environment[name] = value;
    agent = Process.Start(agentStart)!;
    var agentOutput = new System.Collections.Concurrent.ConcurrentQueue<string>();
    agent.OutputDataReceived += (_, e) => { if (e.Data is { } l) agentOutput.Enqueue(l); };
    agent.ErrorDataReceived += (_, e) => { if (e.Data is { } l) agentOutput.Enqueue(l); };
    agent.BeginOutputReadLine();
    agent.BeginErrorReadLine();

    using var channel = GrpcChannel.ForAddress("http://agent", new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        },
    });
    var wifi = new GuestWifi.GuestWifiClient(channel);
    TimeSpan servingAt = default, readyAt;
    while (true)
    {
        if (agent.HasExited)
        {
            agent.WaitForExit();
            throw new InvalidOperationException($"wbguest exited with {agent.ExitCode} before it was ready:\n{string.Join('\n', agentOutput.Take(12))}");
        }
        try
        {
            var st = await wifi.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
            if (servingAt == default) servingAt = clock.Elapsed;
            if (st.Interface == wlan) { readyAt = clock.Elapsed; break; }
        }
        catch (Grpc.Core.RpcException) { if (servingAt == default && File.Exists(socket)) servingAt = clock.Elapsed; }
        await Task.Delay(20);
    }
    await Task.Delay(5000);
    var idle = MemorySnapshot.Read(agent.Id);

    // Each block: `calls` calls, RSS sampled every SampleEvery calls (the peak is what a 128 MB
    // guest must hold), and the RSS at its start and end (the growth across those calls).
    const int SampleEvery = 25;
    var rows = new List<(string Name, double Ms, MemorySnapshot Start, MemorySnapshot End, long PeakKb)>();
    async Task Block(string name, Func<int, Task> call)
    {
        var start = MemorySnapshot.Read(agent.Id);
        var peak = start.RssKb;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call(i);
            if (i % SampleEvery == SampleEvery - 1) peak = Math.Max(peak, MemorySnapshot.Read(agent.Id).RssKb);
        }
        var elapsed = sw.Elapsed.TotalMilliseconds;
        var end = MemorySnapshot.Read(agent.Id);
        rows.Add((name, elapsed, start, end, Math.Max(peak, end.RssKb)));
    }
    NetworkConfig Net(string ssid, string pass) => new() { Ssid = ByteString.CopyFromUtf8(ssid), Passphrase = pass, Security = Security.Wpa2Psk, Autoconnect = false };
    var setA = new ApplyNetworksRequest { Networks = { Net("bench-a", "passphrase-a"), Net("bench-b", "passphrase-b") } };
    var setB = new ApplyNetworksRequest { Networks = { Net("bench-a", "passphrase-a"), Net("bench-c", "passphrase-c") } };
    await Block($"{calls} GetStatus (STATUS + lease)", _ => wifi.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
    await Block($"{calls} ApplyNetworks (1 of 2 replaced each call)", i => wifi.ApplyNetworksAsync(i % 2 == 0 ? setB : setA).ResponseAsync);
    await Block($"{calls} GetStatus again", _ => wifi.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
    await Block($"{calls} GetSignalHistory", _ => wifi.GetSignalHistoryAsync(new GetSignalHistoryRequest()).ResponseAsync);
    await Block($"{calls} GetStatus (third block)", _ => wifi.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
    await Task.Delay(5000);
    var after = MemorySnapshot.Read(agent.Id);

    // --burst N: N GetStatus calls that each carry 1 MiB of unknown-field bytes (the server parses
    // and keeps them: a 1 MiB large-object allocation per call), 4 in flight; the agent must
    // still answer afterwards. No RPC here returns 1 MiB (no scans on the wired driver).
    (int Calls, double Seconds, long PeakKb, MemorySnapshot Settled, MemorySnapshot AfterCalls)? burst = null;
    if (burstCalls > 0)
    {
        using var raw = new MemoryStream();
        var coded = new CodedOutputStream(raw);
        coded.WriteTag(1000, WireFormat.WireType.LengthDelimited);
        coded.WriteBytes(ByteString.CopyFrom(new byte[1024 * 1024]));
        coded.Flush();
        var big = GetStatusRequest.Parser.ParseFrom(raw.ToArray());
        var burstPeak = 0L;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < burstCalls; i += 4)
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(4, burstCalls - i)).Select(_ => wifi.GetStatusAsync(big).ResponseAsync));
            burstPeak = Math.Max(burstPeak, MemorySnapshot.Read(agent.Id).RssKb);
        }
        var seconds = sw.Elapsed.TotalSeconds;
        await Task.Delay(5000);
        var settled = MemorySnapshot.Read(agent.Id);
        for (var i = 0; i < calls; i++) await wifi.GetStatusAsync(new GetStatusRequest());
        burst = (burstCalls, seconds, burstPeak, settled, MemorySnapshot.Read(agent.Id));
    }

    var size = new FileInfo(agentPath).Length;
    var baseSize = new FileInfo(baselinePath).Length;
    var peakAll = rows.Max(r => r.PeakKb);
    var steady = rows.Skip(2).ToList(); // every code path ran in blocks 1-2
    var steadyGrowthKb = steady.Max(r => r.End.RssKb - r.Start.RssKb);
    var steadyPeakKb = steady.Max(r => r.PeakKb);
    Console.WriteLine($"AgentFootprint: {agentPath} against the real wpa_supplicant (wired driver, veth {wlan}), {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");
    if (agentCpus is not null) Console.WriteLine($"agent pinned to {agentCpus} CPU(s)");
    if (agentEnv.Count > 0) Console.WriteLine($"agent environment: {string.Join(' ', agentEnv.Select(e => $"{e.Key}={e.Value}"))}");
    Console.WriteLine();
    Console.WriteLine($"{"metric",-50} {"wbguest",10} {"baseline",10} {"ratio",7} {"target",8}");
    Console.WriteLine($"{"binary size (MiB), baseline = empty AOT program",-50} {Mb(size),10:0.00} {Mb(baseSize),10:0.00} {(double)size / baseSize,7:0.00} {"<= 16",8}");
    Console.WriteLine($"{"RSS idle (MiB), baseline = empty AOT program",-50} {idle.RssMb,10:0.00} {baseline.RssMb,10:0.00} {idle.RssMb / baseline.RssMb,7:0.00} {"<= 24",8}");
    Console.WriteLine($"{"  of which anonymous (heap, GC, stacks, type data)",-50} {idle.AnonMb,10:0.00} {baseline.AnonMb,10:0.00} {idle.AnonMb / baseline.AnonMb,7:0.00}");
    Console.WriteLine($"{"  of which file-backed (the binary's pages)",-50} {idle.FileMb,10:0.00} {baseline.FileMb,10:0.00} {idle.FileMb / baseline.FileMb,7:0.00}");
    Console.WriteLine($"{"threads idle",-50} {idle.Threads,10} {baseline.Threads,10}");
    Console.WriteLine($"{$"RSS after the first {calls} calls (MiB)",-50} {rows[0].End.RssMb,10:0.00} {"",10} {"",7} {"<= 24",8}");
    Console.WriteLine($"{$"RSS peak over all {rows.Count * calls} calls (MiB, every {SampleEvery})",-50} {peakAll / 1024.0,10:0.00} {"",10} {"",7} {"<= 24",8}");
    Console.WriteLine($"{$"RSS growth across one {calls}-call block, steady (MiB)",-50} {steadyGrowthKb / 1024.0,10:+0.00;-0.00} {"",10} {"",7} {"~0",8}");
    Console.WriteLine($"{"RSS 5 s after the last call (MiB)",-50} {after.RssMb,10:0.00} {"",10} {"",7} {"",8}");
    Console.WriteLine($"{"start to serving gRPC (ms)",-50} {servingAt.TotalMilliseconds,10:0}");
    Console.WriteLine($"{"start to ready (wpa_supplicant attached, ms)",-50} {readyAt.TotalMilliseconds,10:0}");
    Console.WriteLine();
    Console.WriteLine($"{"block",-50} {"ms/call",8} {"RSS end",8} {"anon",7} {"file",7} {"peak",7} {"growth",7} {"thr",4}");
    foreach (var (name, ms, start, end, peak) in rows)
        Console.WriteLine($"{name,-50} {ms / calls,8:0.000} {end.RssMb,8:0.00} {end.AnonMb,7:0.00} {end.FileMb,7:0.00} {peak / 1024.0,7:0.00} {(end.RssKb - start.RssKb) / 1024.0,7:+0.00;-0.00} {end.Threads,4}");
    Console.WriteLine("(MiB; growth = RSS at the end of the block minus at its start; steady = blocks 3-5, after every code path ran)");
    if (burst is { } b)
        Console.WriteLine($"burst: {b.Calls} calls with 1 MiB requests, 4 in flight, in {b.Seconds:0.0} s: RSS peak {b.PeakKb / 1024.0:0.00} MiB, {b.Settled.RssMb:0.00} MiB 5 s later, {b.AfterCalls.RssMb:0.00} MiB after {calls} GetStatus more; the agent still answers");
    Console.WriteLine();
    var peakMet = peakAll <= 24 * 1024;
    var growthMet = steadyGrowthKb <= GrowthToleranceKb;
    Console.WriteLine($"steady RSS <= 24 MiB (peak of all samples): {(peakMet ? "met" : "MISSED")} ({peakAll / 1024.0:0.00}; steady blocks' peak {steadyPeakKb / 1024.0:0.00})");
    Console.WriteLine($"no growth across {calls} calls (steady block grows <= {GrowthToleranceKb / 1024.0:0.00} MiB, a GC cycle's noise): {(growthMet ? "met" : "MISSED")} ({steadyGrowthKb / 1024.0:+0.00;-0.00})");
    WifiBridge.Bench.FigureFile.Record("agent: static binary size (local publish)", Mb(size), "MiB", $"empty AOT program {Mb(baseSize):0.00} MiB; target <= 16");
    WifiBridge.Bench.FigureFile.Record("agent: RSS idle (host, wired wpa_supplicant)", idle.RssMb, "MiB", $"anon {idle.AnonMb:0.00}, file {idle.FileMb:0.00}; empty AOT program {baseline.RssMb:0.00} MiB; target <= 24");
    WifiBridge.Bench.FigureFile.Record($"agent: RSS after the first {calls} calls", rows[0].End.RssMb, "MiB", "target <= 24");
    WifiBridge.Bench.FigureFile.Record($"agent: RSS peak over {rows.Count * calls} calls", peakAll / 1024.0, "MiB", $"steady growth per {calls} calls {steadyGrowthKb / 1024.0:+0.00;-0.00} MiB; target <= 24");
    WifiBridge.Bench.FigureFile.Record("agent: start to ready (wpa_supplicant attached)", readyAt.TotalMilliseconds, "ms", "host, not the lab VM");
}
finally
{
    if (agent is { HasExited: false })
    {
        Run("kill", "-TERM", agent.Id.ToString());
        if (!agent.WaitForExit(10_000)) agent.Kill(entireProcessTree: true);
    }
    try { Run("ip", "link", "del", wlan); } catch (InvalidOperationException) { }
    Directory.Delete(runDir, recursive: true);
}
return 0;

static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static void Run(string file, params string[] args)
{
    var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (var a in args) psi.ArgumentList.Add(a);
    using var p = Process.Start(psi)!;
    var err = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {err}");
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
