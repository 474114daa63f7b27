using Grpc.Core;
using Grpc.Net.Client;
using WifiBridge.Link.Host;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Lab.Tests;

/// <summary>
/// The lab agent's GuestWifi and GuestUplink APIs, reached from the host the production way: gRPC over the
/// link layer on the virtio-console port's UNIX socket. Helpers keep the Wi-Fi lab tests short.
/// </summary>
public sealed class WifiLabAgent : IAsyncDisposable
{
    public const string HostileSsidHex = "57422d22275c0a00fffec3283b2428696429601b5b33316d202573095a5ae282";
    public const string HostilePassphrase = "p\"a's\\s $(x)";
    public const string RoamBssid1 = "02:77:62:00:00:05", RoamBssid2 = "02:77:62:00:00:06";

    private readonly LinkConnector _connector;
    private readonly GrpcChannel _channel;
    private readonly string _socket;
    private readonly LabVm _lab;
    private static string? s_neverReady;

    public WifiLabAgent(LabVm lab)
    {
        _lab = lab;
        _socket = lab.AgentSocket;
        _connector = new LinkConnector(LinkTarget.UnixSocket(lab.AgentSocket));
        _channel = GrpcChannel.ForAddress("http://wifibridge-guest", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = _connector.ConnectCallback },
        });
        Wifi = new GuestWifi.GuestWifiClient(_channel);
        Uplink = new GuestUplink.GuestUplinkClient(_channel);
    }

    public GuestWifi.GuestWifiClient Wifi { get; }

    /// <summary>The GuestUplink API on the same link (the virtio port takes one host connection at a time).</summary>
    public GuestUplink.GuestUplinkClient Uplink { get; }

    public static DateTime Deadline(int seconds = 120) => DateTime.UtcNow.AddSeconds(seconds);

    /// <summary>Waits for the agent (after a boot or an agent restart) and for its wpa_supplicant.</summary>
    /// <remarks>When the agent never became ready in this VM, every later test fails at once with the same
    /// diagnosis (the agent's log) instead of waiting again: a broken agent must not cost minutes per test.</remarks>
    public async Task<LinkStatus> WaitReadyAsync()
    {
        if (s_neverReady is { } reason) throw new Xunit.Sdk.XunitException(reason);
        try
        {
            await _lab.AgentReadyOverVirtio.WithTimeout(LabVm.AgentReadyTimeout + TimeSpan.FromMinutes(1));
            await LabVm.GetInfoWhenReadyAsync(LinkTarget.UnixSocket(_socket), TimeSpan.FromMinutes(2));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or RpcException or IOException)
        {
            var log = (await _lab.ExecAsync("tail -12 /var/log/wbguest.log")).Output;
            s_neverReady = $"the lab agent never answered over virtio ({e.Message}); last lines of /var/log/wbguest.log:\n{log}";
            throw new Xunit.Sdk.XunitException(s_neverReady);
        }
        return await WaitForStatusAsync(s => s.Interface == "wlan0", "the agent's wpa_supplicant on wlan0");
    }

    /// <summary>Polls GetStatus (Unavailable while wpa_supplicant restarts is tolerated) until <paramref name="condition"/> holds.</summary>
    public async Task<LinkStatus> WaitForStatusAsync(Func<LinkStatus, bool> condition, string what, int seconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        LinkStatus? last = null;
        string? lastError = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                last = await Wifi.GetStatusAsync(new GetStatusRequest(), deadline: Deadline(20)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(25));
                if (condition(last)) return last;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded) { lastError = e.Status.Detail; }
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"waited {seconds} s in vain for {what}; last status: {last}; last error: {lastError}");
    }

    /// <summary>Runs Connect to the end; returns every progress message (the last carries the result).</summary>
    public async Task<List<ConnectProgress>> ConnectAsync(ConnectRequest request)
    {
        var progress = new List<ConnectProgress>();
        using var call = Wifi.Connect(request, deadline: Deadline(150));
        async Task Read()
        {
            await foreach (var p in call.ResponseStream.ReadAllAsync())
                progress.Add(p);
        }
        await Read().WithTimeout(TimeSpan.FromSeconds(160));
        Assert.NotEmpty(progress);
        Assert.NotNull(progress[^1].Result);
        return progress;
    }

    public async Task DisconnectAsync()
        => await Wifi.DisconnectAsync(new DisconnectRequest(), deadline: Deadline(30)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(40));

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _connector.DisposeAsync();
    }
}
