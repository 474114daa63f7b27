using Microsoft.Extensions.Logging;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.GuestAgent.Wifi.Supplicant;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Supplicant;

/// <summary>
/// The agent's real Wi-Fi stack (supervisor, control client, station classes) running the
/// real wpa_supplicant with `-D wired` on a fresh veth pair: this host has no cfg80211, but
/// the wired driver exercises the same control interface (networks, SELECT_NETWORK,
/// CONNECTED/DISCONNECTED events, restarts). Needs root, iproute2 and wpasupplicant; fails
/// with the fix when they are missing.
/// </summary>
public sealed class WiredSupplicantRig : IAsyncDisposable
{
    public const string WpaSupplicantPath = "/sbin/wpa_supplicant";
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted = [];

    public string Interface { get; }
    public string Peer { get; }
    public string RuntimeDirectory { get; }
    public RecordingLoggerProvider Logs { get; } = new();
    public WpaSupplicantSettings Settings { get; }

    private WiredSupplicantRig(IReadOnlyList<string> adoptable)
    {
        Prerequisites.Require();
        var tag = Guid.NewGuid().ToString("N")[..6];
        Interface = $"wbw{tag}a";
        Peer = $"wbw{tag}b";
        RuntimeDirectory = Path.Combine("/tmp", $"wbw-{tag}");
        Run("ip", "link", "add", Interface, "type", "veth", "peer", "name", Peer);
        Run("ip", "link", "set", Interface, "up");
        Run("ip", "link", "set", Peer, "up");
        Settings = new WpaSupplicantSettings
        {
            ExecutablePath = WpaSupplicantPath, Interface = Interface, RuntimeDirectory = RuntimeDirectory,
            Driver = "wired", AdoptableControlDirectories = adoptable,
        };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddSingleton(Settings);
        // The real uplink classes; udhcpc deliberately points nowhere: nothing may configure the host's own interfaces.
        services.AddSingleton(new AgentOptions { RuntimeDirectory = RuntimeDirectory });
        services.AddGuestUplink();
        services.AddSingleton(new UplinkTools { Udhcpc = Path.Combine(RuntimeDirectory, "no-udhcpc-in-host-tests") });
        services.AddGuestWifiCore();
        _services = services.BuildServiceProvider();
    }

    public static async Task<WiredSupplicantRig> StartAsync(IReadOnlyList<string>? adoptable = null, Func<WiredSupplicantRig, Task>? beforeStart = null)
    {
        var rig = new WiredSupplicantRig(adoptable ?? []);
        if (beforeStart is not null) await beforeStart(rig).WithTimeout();
        foreach (var h in rig._services.GetServices<IHostedService>())
        {
            await h.StartAsync(CancellationToken.None).WithTimeout();
            rig._hosted.Add(h);
        }
        await rig.WaitUntilAsync(() => rig.Client.IsConnected, "the control client attached to wpa_supplicant");
        return rig;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public WpaControlClient Client => Get<WpaControlClient>();
    public WpaSupplicantSupervisor Supervisor => Get<WpaSupplicantSupervisor>();
    public StationControl Control => Get<StationControl>();
    public Broadcast<GuestEvent> Events => Get<Broadcast<GuestEvent>>();

    public Task<string> RequestAsync(string command) => Client.RequestAsync(command).WithTimeout();

    /// <summary>The reply, or null while wpa_supplicant is unreachable (for polling across restarts).</summary>
    public string? TryRequest(string command)
    {
        try { return Client.RequestAsync(command).WithTimeout().GetAwaiter().GetResult(); }
        catch (WpaUnavailableException) { return null; }
        catch (WpaTimeoutException) { return null; }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails naming <paramref name="what"/> after <paramref name="limit"/> (default 20 s).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited in vain for: {what}");
            await Task.Delay(100);
        }
    }

    public static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {err}");
    }

    public async ValueTask DisposeAsync()
    {
        var pid = Supervisor.ProcessId;
        foreach (var h in Enumerable.Reverse(_hosted))
        {
            try { await h.StopAsync(CancellationToken.None).WithTimeout(); } catch (Exception) { }
        }
        await _services.DisposeAsync();
        if (pid is { } p) { try { Process.GetProcessById(p).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { } }
        try { Run("ip", "link", "del", Interface); } catch (InvalidOperationException) { }
        try { Directory.Delete(RuntimeDirectory, recursive: true); } catch (IOException) { }
    }
}
