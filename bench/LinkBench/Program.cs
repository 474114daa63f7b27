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
var streamSeconds = args.Length > 1 ? double.Parse(args[1]) : 3.0;

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

Console.WriteLine($"LinkBench: {unaryCalls} sequential unary GetInfo calls and {streamSeconds:0.#} s of server stream per transport,");
Console.WriteLine($"alternating plain/link in 3 rounds (stream figures: median round); {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine();
var rows = new List<(string Metric, double Plain, double Link, bool HigherIsBetter)>();

// The machine is shared: alternate plain and link in several rounds so load swings hit both alike.
const int Rounds = 3;
var plainSamples = new List<double>();
var linkSamples = new List<double>();
for (var round = 0; round < Rounds; round++)
{
    plainSamples.AddRange(await UnaryAsync(plainChannel, unaryCalls / Rounds));
    linkSamples.AddRange(await UnaryAsync(linkChannel, unaryCalls / Rounds));
}
var (plainP50, plainP99) = Percentiles(plainSamples);
var (linkP50, linkP99) = Percentiles(linkSamples);
rows.Add(("unary p50 latency (us)", plainP50, linkP50, false));
rows.Add(("unary p99 latency (us)", plainP99, linkP99, false));
foreach (var size in new[] { 64, 16 * 1024 })
{
    var plainRuns = new List<(double, double)>();
    var linkRuns = new List<(double, double)>();
    for (var round = 0; round < Rounds; round++)
    {
        plainRuns.Add(await StreamAsync(plainChannel, size, streamSeconds / Rounds));
        linkRuns.Add(await StreamAsync(linkChannel, size, streamSeconds / Rounds));
    }
    var plain = plainRuns.OrderBy(r => r.Item1).ElementAt(Rounds / 2);
    var link = linkRuns.OrderBy(r => r.Item1).ElementAt(Rounds / 2);
    rows.Add(($"stream {size} B msgs (msg/s)", plain.Item1, link.Item1, true));
    rows.Add(($"stream {size} B msgs (MB/s)", plain.Item2, link.Item2, true));
}

Console.WriteLine($"{"metric",-30} {"plain UDS",12} {"link",12} {"link/plain",11}");
Console.WriteLine(new string('-', 68));
foreach (var (metric, plain, link, _) in rows)
    Console.WriteLine($"{metric,-30} {plain,12:0.0} {link,12:0.0} {link / plain,10:0.00}x");
Console.WriteLine();
Console.WriteLine($"targets: link p50 latency <= 1.5x plain (got {linkP50 / plainP50:0.00}x); " +
    $"stream throughput >= 0.5x plain (got {rows[^1].Link / rows[^1].Plain:0.00}x for 16 KiB messages, {rows[3].Link / rows[3].Plain:0.00}x for 64 B)");

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

static (double P50, double P99) Percentiles(List<double> samples)
{
    samples.Sort();
    return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)]);
}

static async Task<(double MessagesPerSecond, double MegabytesPerSecond)> StreamAsync(GrpcChannel channel, int size, double seconds)
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
    return (messages / elapsed, messages * (double)size / elapsed / 1e6);
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
