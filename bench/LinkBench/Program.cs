using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WifiBridge.Link;
using WifiBridge.Link.Guest;
using WifiBridge.LinkBench;
using WifiBridge.Protocol.V1;

// gRPC over the link on a socketpair vs plain gRPC over a UNIX socket, same server, same run.
var unaryCalls = args.Length > 0 ? int.Parse(args[0]) : 5000;
var streamSeconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5.0;

var dir = Path.Combine(Path.GetTempPath(), $"wb-linkbench-{Environment.ProcessId}");
Directory.CreateDirectory(dir);
var plainSocket = Path.Combine(dir, "plain.sock");
var (hostSocket, guestSocket) = await SocketPairAsync(Path.Combine(dir, "pair.sock"));

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseLinkTransport();
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(new LinkChannelEndPoint("socketpair", _ => ValueTask.FromResult<ILinkChannel>(
        new StreamLinkChannel(new NetworkStream(guestSocket, true), "socketpair:guest"))), l => l.Protocols = HttpProtocols.Http2);
    k.ListenUnixSocket(plainSocket, l => l.Protocols = HttpProtocols.Http2);
});
builder.Services.AddGrpc();
var app = builder.Build();
app.MapGrpcService<BenchGuestAgentService>();
app.MapGrpcService<BenchGuestWifiService>();
await app.StartAsync();

var hostPeer = new LinkPeer(new StreamLinkChannel(new NetworkStream(hostSocket, true), "socketpair:host"), LinkRole.Host);
hostPeer.Start();
using var linkChannel = GrpcChannel.ForAddress("http://guest", new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) => (await hostPeer.OpenSessionAsync(ct)).Stream,
    },
});
using var plainChannel = GrpcChannel.ForAddress("http://guest", new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(plainSocket), ct);
            return new NetworkStream(s, true);
        },
    },
});

// The machine is shared: plain and link run back to back in every round, so a load swing hits
// both alike; each round yields a ratio, and the table shows the median and the spread of them.
const int Rounds = 7;
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
Console.WriteLine($"LinkBench: {Rounds} rounds; per round and transport {unaryCalls / Rounds} sequential unary GetInfo calls and " +
    $"{streamSeconds / Rounds:0.0##} s of server stream per message size; {Environment.ProcessorCount} cores, load average {loadBefore} at start");
Console.WriteLine();

var rows = new List<(string Metric, double[] Plain, double[] Link, bool HigherIsBetter)>();
var unaryPlain = new List<(double P50, double P99)>();
var unaryLink = new List<(double P50, double P99)>();
for (var round = 0; round < Rounds; round++)
{
    unaryPlain.Add(Percentiles(await UnaryAsync(plainChannel, unaryCalls / Rounds)));
    unaryLink.Add(Percentiles(await UnaryAsync(linkChannel, unaryCalls / Rounds)));
}
rows.Add(("unary p50 latency (us)", unaryPlain.Select(r => r.P50).ToArray(), unaryLink.Select(r => r.P50).ToArray(), false));
rows.Add(("unary p99 latency (us)", unaryPlain.Select(r => r.P99).ToArray(), unaryLink.Select(r => r.P99).ToArray(), false));
foreach (var size in new[] { 64, 16 * 1024 })
{
    var plainRuns = new List<double>();
    var linkRuns = new List<double>();
    for (var round = 0; round < Rounds; round++)
    {
        plainRuns.Add(await StreamAsync(plainChannel, size, streamSeconds / Rounds));
        linkRuns.Add(await StreamAsync(linkChannel, size, streamSeconds / Rounds));
    }
    rows.Add(($"stream {size} B msgs (msg/s)", plainRuns.ToArray(), linkRuns.ToArray(), true));
    rows.Add(($"stream {size} B msgs (MB/s)", plainRuns.Select(m => m * size / 1e6).ToArray(), linkRuns.Select(m => m * size / 1e6).ToArray(), true));
}

Console.WriteLine($"{"metric",-28} {"plain UDS",10} {"link",10} {"link/plain",10} {"worst",7} {"best",7}   (medians of {Rounds} rounds; link/plain = median of per-round ratios)");
Console.WriteLine(new string('-', 80));
var ratios = new Dictionary<string, double>();
foreach (var (metric, plain, link, higherIsBetter) in rows)
{
    var perRound = plain.Zip(link, (p, l) => l / p).Order().ToArray();
    var ratio = Median(perRound);
    ratios[metric] = ratio;
    var (worst, best) = higherIsBetter ? (perRound[0], perRound[^1]) : (perRound[^1], perRound[0]);
    Console.WriteLine($"{metric,-28} {Median(plain),10:0.0} {Median(link),10:0.0} {ratio,9:0.00}x {worst,6:0.00}x {best,6:0.00}x");
}
Console.WriteLine();
Console.WriteLine($"targets: link p50 latency <= 1.5x plain (got {ratios["unary p50 latency (us)"]:0.00}x); stream throughput >= 0.5x plain " +
    $"(got {ratios["stream 16384 B msgs (MB/s)"]:0.00}x for 16 KiB messages, {ratios["stream 64 B msgs (msg/s)"]:0.00}x for 64 B); " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at end");

var medians = rows.ToDictionary(r => r.Metric, r => (Plain: Median(r.Plain), Link: Median(r.Link)));
WifiBridge.Bench.FigureFile.Record("link: unary RPC p50 latency vs plain gRPC on a UNIX socket", ratios["unary p50 latency (us)"], "x",
    $"{medians["unary p50 latency (us)"].Link:0} vs {medians["unary p50 latency (us)"].Plain:0} µs, median of {Rounds} rounds; target <= 1.5");
WifiBridge.Bench.FigureFile.Record("link: 16 KiB server-stream throughput vs plain gRPC", ratios["stream 16384 B msgs (MB/s)"], "x",
    $"{medians["stream 16384 B msgs (MB/s)"].Link:0} vs {medians["stream 16384 B msgs (MB/s)"].Plain:0} MB/s; target >= 0.5");

await hostPeer.DisposeAsync();
await app.StopAsync();
Directory.Delete(dir, true);
return 0;

static async Task<List<double>> UnaryAsync(GrpcChannel channel, int calls)
{
    var client = new GuestAgent.GuestAgentClient(channel);
    for (var i = 0; i < 200; i++)
        await client.GetInfoAsync(new GetInfoRequest());
    var samples = new List<double>(calls);
    for (var i = 0; i < calls; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await client.GetInfoAsync(new GetInfoRequest());
        samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }
    return samples;
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static (double P50, double P99) Percentiles(List<double> samples)
{
    samples.Sort();
    return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)]);
}

static async Task<double> StreamAsync(GrpcChannel channel, int size, double seconds)
{
    var client = new GuestWifi.GuestWifiClient(channel);
    using var cts = new CancellationTokenSource();
    using var call = client.WatchSignal(new WatchSignalRequest { IntervalMs = (uint)size }, cancellationToken: cts.Token);
    for (var i = 0; i < 200; i++)
        await call.ResponseStream.MoveNext();
    long messages = 0;
    var start = Stopwatch.GetTimestamp();
    var duration = TimeSpan.FromSeconds(seconds);
    while (Stopwatch.GetElapsedTime(start) < duration && await call.ResponseStream.MoveNext())
        messages++;
    var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
    cts.Cancel();
    return messages / elapsed;
}

static async Task<(Socket A, Socket B)> SocketPairAsync(string path)
{
    using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    listener.Bind(new UnixDomainSocketEndPoint(path));
    listener.Listen(1);
    var a = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    var accept = listener.AcceptAsync();
    await a.ConnectAsync(new UnixDomainSocketEndPoint(path));
    var b = await accept;
    File.Delete(path);
    return (a, b);
}
