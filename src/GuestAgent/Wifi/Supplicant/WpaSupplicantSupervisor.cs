using System.Diagnostics;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Station;

namespace WifiBridge.GuestAgent.Wifi.Supplicant;

/// <summary>
/// Keeps one wpa_supplicant running on the wireless interface: adopts a running one whose
/// socket answers PING (first the one a previous agent instance started in our own control
/// directory: an agent restarted by OpenRC keeps the Wi-Fi link), otherwise starts its own with a generated minimal config (control
/// socket only, update_config=0: the stateless guest never saves networks) and restarts it
/// with back-off when it exits. Points <see cref="WpaControlClient"/> at the socket.
/// </summary>
public sealed class WpaSupplicantSupervisor(
    WpaSupplicantSettings settings, WpaControlClient client, StationInterface station,
    ILogger<WpaSupplicantSupervisor> log, KnownNetworkLedger? ledger = null) : BackgroundService
{
    private static readonly TimeSpan InterfacePollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private Process? _process;

    /// <summary>Process id of the wpa_supplicant this agent started, or null (adopted / not running).</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>How many times wpa_supplicant was (re)started by this agent.</summary>
    public int StartCount { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var loggedNoInterface = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var iface = WirelessInterfaceFinder.Find(settings.SysClassNet, settings.Interface);
            if (iface is null)
            {
                if (!loggedNoInterface) SupervisorLog.NoInterface(log, settings.Interface ?? "(auto: first with phy80211)");
                loggedNoInterface = true;
                station.Name = null;
                await Task.Delay(InterfacePollInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }
            loggedNoInterface = false;
            station.Name = iface;

            if (await FindAdoptableAsync(iface, stoppingToken).ConfigureAwait(false) is { } adopted)
            {
                SupervisorLog.Adopting(log, adopted);
                await client.AttachAsync(adopted).ConfigureAwait(false);
                await WaitWhileAnsweringAsync(adopted, stoppingToken).ConfigureAwait(false);
                SupervisorLog.AdoptedGone(log, adopted);
                continue;
            }

            var started = DateTime.UtcNow;
            var exitCode = await RunOwnAsync(iface, stoppingToken).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested) break;
            failures = DateTime.UtcNow - started > TimeSpan.FromSeconds(30) ? 0 : failures + 1;
            var delay = failures <= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * (1 << Math.Min(failures, 6))));
            SupervisorLog.Exited(log, exitCode, delay.TotalSeconds);
            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> FindAdoptableAsync(string iface, CancellationToken ct)
    {
        foreach (var dir in settings.AdoptableControlDirectories.Prepend(settings.ControlDirectory))
        {
            var path = Path.Combine(dir, iface);
            if (Path.Exists(path) && await AnswersPingAsync(path, ct).ConfigureAwait(false)) return path;
        }
        return null;
    }

    private async Task<bool> AnswersPingAsync(string path, CancellationToken ct)
    {
        try
        {
            using var socket = WpaControlSocket.Open(path, settings.ClientSocketDirectory);
            await socket.SendAsync("PING", ct).ConfigureAwait(false);
            return (await socket.ReceiveAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false))?.TrimEnd('\n') == "PONG";
        }
        catch (WpaUnavailableException) { return false; }
    }

    private async Task WaitWhileAnsweringAsync(string path, CancellationToken ct)
    {
        var silent = 0;
        while (silent < 3)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            silent = client.IsConnected || await AnswersPingAsync(path, ct).ConfigureAwait(false) ? 0 : silent + 1;
        }
        await client.DetachAsync().ConfigureAwait(false);
    }

    /// <summary>Starts wpa_supplicant, follows it until it exits, returns its exit code (or -1 if it never came up).</summary>
    private async Task<int> RunOwnAsync(string iface, CancellationToken ct)
    {
        Directory.CreateDirectory(settings.RuntimeDirectory);
        Directory.CreateDirectory(settings.ControlDirectory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(settings.ControlDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(settings.ConfigPath, WpaSupplicantConfig.Render(settings.ControlDirectory), ct).ConfigureAwait(false);
        var socketPath = Path.Combine(settings.ControlDirectory, iface);
        if (Path.Exists(socketPath) && !await AnswersPingAsync(socketPath, ct).ConfigureAwait(false)) File.Delete(socketPath);

        ledger?.Delete(); // its network ids belong to the wpa_supplicant that is gone
        var psi = new ProcessStartInfo(settings.ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-i", iface, "-D", settings.Driver, "-c", settings.ConfigPath }) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            SupervisorLog.StartFailed(log, settings.ExecutablePath, e.Message);
            return -1;
        }
        _process = process;
        StartCount++;
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) SupervisorLog.Output(log, process.Id, line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) SupervisorLog.Output(log, process.Id, line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        SupervisorLog.Started(log, process.Id, iface, settings.Driver);
        try
        {
            var deadline = DateTime.UtcNow + StartTimeout;
            while (!process.HasExited && !await AnswersPingAsync(socketPath, ct).ConfigureAwait(false))
            {
                if (DateTime.UtcNow > deadline)
                {
                    SupervisorLog.NeverAnswered(log, process.Id, socketPath);
                    process.Kill();
                    break;
                }
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
            if (!process.HasExited) await client.AttachAsync(socketPath).ConfigureAwait(false);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await StopOwnAsync(process).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            process.Dispose();
            _process = null;
        }
    }

    private async Task StopOwnAsync(Process process)
    {
        try
        {
            if (client.IsConnected)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try { await client.RequestAsync("TERMINATE", cts.Token).ConfigureAwait(false); }
                catch (Exception e) when (e is WpaUnavailableException or WpaTimeoutException or OperationCanceledException) { }
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try { await process.WaitForExitAsync(wait.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { process.Kill(); }
        }
        catch (InvalidOperationException) { }
        await client.DetachAsync().ConfigureAwait(false);
        SupervisorLog.Stopped(log);
    }
}
