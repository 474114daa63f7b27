using System.Diagnostics;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Net.Client;
using WifiBridge.Protocol.V1;

// Agent footprint benchmark. Runs the published static wbguest against the real wpa_supplicant
// (wired driver on a fresh veth pair: this host has no cfg80211, so scans are not part of the
// local run) and an empty native-AOT program as the baseline, in the same run.
var agentPath = Arg("--agent") ?? throw new ArgumentException("--agent PATH (static wbguest) is required; see run.sh");
var baselinePath = Arg("--baseline") ?? throw new ArgumentException("--baseline PATH (EmptyAot) is required; see run.sh");
var calls = int.Parse(Arg("--calls") ?? "1000");

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

    var baseline = Process.Start(new ProcessStartInfo(baselinePath) { RedirectStandardOutput = true })!;
    baseline.StandardOutput.ReadLine();
    Thread.Sleep(1000);
    var baselineRss = RssKb(baseline.Id);
    baseline.Kill();
    baseline.WaitForExit();

    var socket = Path.Combine(runDir, "api.sock");
    var clock = Stopwatch.StartNew();
    agent = Process.Start(new ProcessStartInfo(agentPath,
        ["--no-virtio", "--listen-unix", socket, "--wlan", wlan, "--runtime-dir", Path.Combine(runDir, "rt"), "--wpa-supplicant", wrapper, "--log-level", "Warning"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
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
    var idleRss = RssKb(agent.Id);

    var rows = new List<(string Block, double Ms, long RssKb)>();
    async Task Block(string name, Func<int, Task> call)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) await call(i);
        rows.Add((name, sw.Elapsed.TotalMilliseconds, RssKb(agent.Id)));
    }
    NetworkConfig Net(string ssid, string pass) => new() { Ssid = ByteString.CopyFromUtf8(ssid), Passphrase = pass, Security = Security.Wpa2Psk, Autoconnect = false };
    var setA = new ApplyNetworksRequest { Networks = { Net("bench-a", "passphrase-a"), Net("bench-b", "passphrase-b") } };
    var setB = new ApplyNetworksRequest { Networks = { Net("bench-a", "passphrase-a"), Net("bench-c", "passphrase-c") } };
    await Block($"{calls} GetStatus (STATUS + lease)", _ => wifi.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
    await Block($"{calls} ApplyNetworks (1 of 2 replaced each call)", i => wifi.ApplyNetworksAsync(i % 2 == 0 ? setB : setA).ResponseAsync);
    await Block($"{calls} GetStatus again", _ => wifi.GetStatusAsync(new GetStatusRequest()).ResponseAsync);
    await Block($"{calls} GetSignalHistory", _ => wifi.GetSignalHistoryAsync(new GetSignalHistoryRequest()).ResponseAsync);
    await Block($"{calls} GetStatus (third block)", _ => wifi.GetStatusAsync(new GetStatusRequest()).ResponseAsync);

    var size = new FileInfo(agentPath).Length;
    var baseSize = new FileInfo(baselinePath).Length;
    Console.WriteLine($"AgentFootprint: {agentPath} against the real wpa_supplicant (wired driver, veth {wlan}), {Environment.ProcessorCount} CPUs");
    Console.WriteLine();
    Console.WriteLine($"{"metric",-48} {"wbguest",12} {"baseline",12} {"ratio",8} {"target",10}");
    Console.WriteLine($"{"binary size (MB), baseline = empty AOT program",-48} {Mb(size),12:0.00} {Mb(baseSize),12:0.00} {(double)size / baseSize,8:0.00} {"<= 16",10}");
    Console.WriteLine($"{"RSS idle (MB), baseline = empty AOT program",-48} {idleRss / 1024.0,12:0.00} {baselineRss / 1024.0,12:0.00} {(double)idleRss / baselineRss,8:0.00} {"<= 24",10}");
    Console.WriteLine($"{"start to serving gRPC (ms)",-48} {servingAt.TotalMilliseconds,12:0} {"",12} {"",8} {"",10}");
    Console.WriteLine($"{"start to ready (wpa_supplicant attached, ms)",-48} {readyAt.TotalMilliseconds,12:0} {"",12} {"",8} {"",10}");
    Console.WriteLine();
    Console.WriteLine($"{"block",-48} {"ms/call",12} {"RSS (MB)",12} {"vs idle",8}");
    foreach (var (name, ms, rss) in rows)
        Console.WriteLine($"{name,-48} {ms / calls,12:0.000} {rss / 1024.0,12:0.00} {(double)rss / idleRss,8:0.00}");
    var firstStatus = rows[0].RssKb;
    var warm = rows[1].RssKb; // after every code path ran once
    var lastStatus = rows[^1].RssKb;
    Console.WriteLine();
    Console.WriteLine($"RSS growth from the first to the last {calls}-call block: {(lastStatus - firstStatus) / 1024.0:+0.00;-0.00} MB ({(double)lastStatus / firstStatus:0.000}x)");
    Console.WriteLine($"RSS growth over the last {3 * calls} calls (all code paths already exercised): {(lastStatus - warm) / 1024.0:+0.00;-0.00} MB ({(double)lastStatus / warm:0.000}x)");
    Console.WriteLine($"steady RSS target <= 24 MB: {(rows.Max(r => r.RssKb) <= 24 * 1024 ? "met" : "MISSED")}");
    WifiBridge.Bench.FigureFile.Record("agent: static binary size (local publish)", Mb(size), "MiB", $"empty AOT program {Mb(baseSize):0.00} MiB; target <= 16");
    WifiBridge.Bench.FigureFile.Record("agent: RSS idle (host, wired wpa_supplicant)", idleRss / 1024.0, "MiB", $"empty AOT program {baselineRss / 1024.0:0.00} MiB; target <= 24");
    WifiBridge.Bench.FigureFile.Record($"agent: RSS after {5 * calls} calls", rows[^1].RssKb / 1024.0, "MiB", $"growth over the last {3 * calls} calls {(lastStatus - warm) / 1024.0:+0.00;-0.00} MiB");
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

static long RssKb(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    throw new InvalidOperationException($"no VmRSS for pid {pid}");
}

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
