using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// The whole product in the lab: wbhostd (QEMU driver) running in its own network namespace
/// (so the tap, the DHCP lease, the default route and DNS it sets up never touch this machine's
/// own networking), the lab VM it starts, and the wbhost CLI talking to its socket.
/// Everything is torn down in DisposeAsync, and the logs are kept under artifacts/e2e/logs.
/// </summary>
public class LabStack : IAsyncLifetime
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(6);
    private readonly string _channel;
    private Process? _daemon;
    private string _daemonDll = "";
    private string _cliDll = "";
    private int _daemonGeneration;

    public LabStack() : this("virtio") { }

    protected LabStack(string channel) => _channel = channel;

    public string Id { get; } = "wbe" + Guid.NewGuid().ToString("N")[..6];
    public string Netns => Id;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "wbe2e-" + Guid.NewGuid().ToString("N")[..8]);
    public string RuntimeDir => Path.Combine(Directory, "run");
    public string StateDir => Path.Combine(Directory, "state");
    public string Socket => Path.Combine(RuntimeDir, "wbhostd.sock");
    public string ConfigPath => Path.Combine(Directory, "wbhostd.conf");
    public string DaemonLog => Path.Combine(Directory, "wbhostd.log");
    public string LabctlSocket => Path.Combine(RuntimeDir, "labctl.sock");
    public string Tap => "wbtap0";

    /// <summary>Every CLI invocation's output, checked for secrets by the tests.</summary>
    public StringBuilder Transcript { get; } = new();

    /// <summary>wbhostd start to the guest link being READY (first boot).</summary>
    public TimeSpan FirstReady { get; private set; }

    public async Task InitializeAsync()
    {
        LabPrerequisites.Check();
        var (kernel, initramfs) = await LabImage.EnsureBuiltAsync();
        (_daemonDll, _cliDll) = await ProductBuild.EnsurePublishedAsync();
        System.IO.Directory.CreateDirectory(RuntimeDir);
        System.IO.Directory.CreateDirectory(StateDir);
        await Must("ip", "netns", "add", Netns);
        await Must("ip", "-n", Netns, "link", "set", "lo", "up");
        // `ip netns exec` bind-mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf: DNS that
        // wbhostd hands to resolvconf lands there, not in this machine's resolver.
        System.IO.Directory.CreateDirectory($"/etc/netns/{Netns}");
        await File.WriteAllTextAsync($"/etc/netns/{Netns}/resolv.conf", "");
        var labctl = $"-chardev socket,id=labctl,path={LabctlSocket},server=on,wait=off " +
                     "-device virtserialport,bus=vser0.0,chardev=labctl,name=org.wifibridge.labctl";
        await File.WriteAllTextAsync(ConfigPath, $"""
            vm_driver = qemu
            vm_name = {Id}
            memory_mb = 160
            qemu_accel = tcg
            cpus = 1
            kernel = {kernel}
            initramfs = {initramfs}
            kernel_cmdline = "console=ttyS0,115200 panic=-1 loglevel=4 rootfstype=ramfs"
            qemu_extra_args = "{labctl}"
            channel = {_channel}
            {await BeforeDaemonAsync()}
            tap = {Tap}
            host_address = dhcp
            default_route = yes
            dns = yes
            host_platform = linux
            socket = {Socket}
            socket_group = root
            state_dir = {StateDir}
            runtime_dir = {RuntimeDir}
            log = file:{DaemonLog}
            log_level = debug
            restart_backoff_ms = 1000
            autostart = yes

            """);
        var sw = Stopwatch.StartNew();
        StartDaemon();
        await PrepareGuestChannelAsync();
        await WaitForLinkReadyAsync(ReadyTimeout);
        FirstReady = sw.Elapsed;
        Figures.Seconds($"boot: wbhostd start -> guest link ready ({_channel})", FirstReady, "QEMU TCG, 160 MB, 1 vCPU");
    }

    /// <summary>Hook for the serial variant: prepares what the daemon needs before it starts; returns extra config lines.</summary>
    protected virtual Task<string> BeforeDaemonAsync() => Task.FromResult("");

    /// <summary>Hook for the serial variant: switch the guest agent to its serial channel.</summary>
    protected virtual Task PrepareGuestChannelAsync() => Task.CompletedTask;

    private void StartDaemon()
    {
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", Netns, "dotnet", _daemonDll, "--config", ConfigPath })
            psi.ArgumentList.Add(a);
        _daemon = Process.Start(psi) ?? throw new InvalidOperationException("cannot start wbhostd");
        var log = Path.Combine(Directory, $"wbhostd-stdio.{++_daemonGeneration}.log");
        var sink = new FileStream(log, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        _ = Task.WhenAll(_daemon.StandardOutput.BaseStream.CopyToAsync(sink), _daemon.StandardError.BaseStream.CopyToAsync(sink))
            .ContinueWith(_ => sink.Dispose(), TaskScheduler.Default);
    }

    /// <summary>SIGTERM to wbhostd, wait for it to exit, start a new one (the VM must survive).</summary>
    public async Task RestartDaemonAsync()
    {
        await StopDaemonAsync();
        StartDaemon();
    }

    private async Task StopDaemonAsync()
    {
        if (_daemon is null || _daemon.HasExited) return;
        // `ip netns exec` execs the program, so this pid is wbhostd's.
        await Must("kill", "-TERM", _daemon.Id.ToString());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try { await _daemon.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _daemon.Kill(); throw new TimeoutException("wbhostd did not exit within 40 s of SIGTERM"); }
    }

    public async Task<JsonElement> StatusAsync() => (await CliAsync(["--json", "status"])).EnsureSuccess().Json();

    /// <summary>Polls `wbhost status --json` until <paramref name="predicate"/> holds.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> predicate, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        CliResult? last = null;
        while (sw.Elapsed < timeout)
        {
            last = await CliAsync(["--json", "status"], record: false);
            if (last.ExitCode == 0 && predicate(last.Json())) return last.Json();
            await Task.Delay(1000);
        }
        throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0} s. Last status:\n{last}\n{await DiagnosticsAsync()}");
    }

    public Task<JsonElement> WaitForLinkReadyAsync(TimeSpan timeout) =>
        WaitForStatusAsync(s => Str(s, "link") == "GUEST_LINK_STATE_READY", timeout, "guest link READY");

    public Task<JsonElement> WaitForWifiAsync(string ssid, TimeSpan timeout) =>
        WaitForStatusAsync(s => Str(s, "link") == "GUEST_LINK_STATE_READY" && s.TryGetProperty("wifi", out var w)
            && Str(w, "state") == "LINK_STATE_CONNECTED" && Str(w, "ssidDisplay") == ssid, timeout, $"Wi-Fi connected to {ssid}");

    public static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary>Runs wbhost against this stack's daemon. Output is appended to the transcript.</summary>
    public async Task<CliResult> CliAsync(IReadOnlyList<string> args, string? stdin = null, TimeSpan? timeout = null, bool record = true)
    {
        var (code, stdout, stderr) = await ToolRunner.RunAsync("dotnet", [_cliDll, "--socket", Socket, .. args],
            timeout ?? TimeSpan.FromSeconds(120), stdin);
        var result = new CliResult(string.Join(' ', args), code, stdout, stderr);
        if (record) lock (Transcript) Transcript.AppendLine(result.ToString());
        return result;
    }

    /// <summary>Runs a shell command in the host's network namespace (where the tap lives).</summary>
    public Task<ProcessResult> InNetnsAsync(string shellCommand, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", Netns, "sh", "-c", shellCommand], timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Fetches the world's page over the Wi-Fi path; true when the marker came back.</summary>
    public async Task<bool> FetchWorldPageAsync(int timeoutSeconds = 10)
    {
        var r = await InNetnsAsync($"curl -sS --max-time {timeoutSeconds} http://{LabNetworks.WorldServer}/", TimeSpan.FromSeconds(timeoutSeconds + 10));
        return r.ExitCode == 0 && r.Output.Contains(LabNetworks.WorldPageMarker, StringComparison.Ordinal);
    }

    /// <summary>Runs a command in the guest through the lab-only control port.</summary>
    public Task<ProcessResult> GuestAsync(string command, int timeoutSeconds = 60) =>
        ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.LabDirectory, "labctl.sh"), "--sock", LabctlSocket,
            "--timeout", timeoutSeconds.ToString(), "exec", command], TimeSpan.FromSeconds(timeoutSeconds + 30));

    public int? VmPid()
    {
        var file = Path.Combine(RuntimeDir, "vm.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
    }

    /// <summary>Daemon log, CLI transcript, guest agent log and console: what a person reads when a test fails.</summary>
    public async Task<string> DiagnosticsAsync()
    {
        var sb = new StringBuilder();
        string Tail(string path, int lines) => File.Exists(path) ? string.Join('\n', ReadShared(path).Split('\n').TakeLast(lines)) : $"({path} missing)";
        sb.AppendLine("--- wbhostd.log (tail)").AppendLine(Tail(DaemonLog, 60));
        foreach (var f in System.IO.Directory.GetFiles(Directory, "wbhostd-stdio.*.log"))
            sb.AppendLine($"--- {Path.GetFileName(f)} (tail)").AppendLine(Tail(f, 20));
        sb.AppendLine("--- console.log (tail)").AppendLine(Tail(Path.Combine(RuntimeDir, "console.log"), 30));
        try { sb.AppendLine("--- guest wbguest.log (tail)").AppendLine((await GuestAsync("tail -n 40 /var/log/wbguest.log", 15)).Output); }
        catch (Exception e) { sb.AppendLine($"(guest log unavailable: {e.Message})"); }
        return sb.ToString();
    }

    /// <summary>Everything the product wrote: daemon logs, guest logs, console, CLI transcript.</summary>
    public async Task<string> AllLogsAsync()
    {
        var sb = new StringBuilder();
        foreach (var f in System.IO.Directory.GetFiles(Directory, "*.log", SearchOption.AllDirectories))
            sb.AppendLine(ReadShared(f));
        foreach (var f in System.IO.Directory.GetFiles(RuntimeDir, "*.log"))
            sb.AppendLine(ReadShared(f));
        sb.AppendLine((await GuestAsync("cat /var/log/wbguest.log /var/log/messages 2>/dev/null; ps -o args 2>/dev/null || ps", 30)).Output);
        lock (Transcript) sb.AppendLine(Transcript.ToString());
        return sb.ToString();
    }

    /// <summary>Footprint at the end of the run (after every scenario this stack served): the agent's
    /// binary size and RSS in the guest, wbhostd's RSS on the host.</summary>
    private async Task RecordFootprintAsync()
    {
        try
        {
            var guest = await GuestAsync("stat -c %s /usr/bin/wbguest; grep VmRSS /proc/$(pidof wbguest)/status", 20);
            var words = guest.Output.Split((char[])['\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (guest.ExitCode == 0 && long.TryParse(words[0], out var size) && words.Length >= 3 && long.TryParse(words[2], out var rssKb))
            {
                Figures.Record("agent: static binary size", size / 1048576.0, "MiB", "target <= 16");
                Figures.Record($"agent: RSS in the guest at the end of the run ({_channel})", rssKb / 1024.0, "MiB", "target <= 24");
            }
            if (_daemon is { HasExited: false } d)
                foreach (var line in File.ReadLines($"/proc/{d.Id}/status"))
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                        Figures.Record($"wbhostd: RSS at the end of the run ({_channel})", long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, "MiB", ".NET 10 here, framework-dependent");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            // A figure we could not take is left out of the table (bench/figures.sh shows it as missing).
        }
    }

    public virtual async Task DisposeAsync()
    {
        await RecordFootprintAsync();
        try { await StopDaemonAsync(); } catch (Exception) { _daemon?.Kill(true); }
        if (VmPid() is { } pid)
            await ProcessRunner.RunAsync("kill", ["-KILL", pid.ToString()], TimeSpan.FromSeconds(10));
        // Whatever else wbhostd left in the namespace (udhcpc...).
        await ProcessRunner.RunAsync("sh", ["-c", $"ip netns pids {Netns} | xargs -r kill -KILL"], TimeSpan.FromSeconds(10));
        await ProcessRunner.RunAsync("ip", ["netns", "del", Netns], TimeSpan.FromSeconds(10));
        try { System.IO.Directory.Delete($"/etc/netns/{Netns}", true); } catch (IOException) { }
        var keep = Path.Combine(RepositoryPaths.Root, "artifacts", "e2e", "logs", Id);
        System.IO.Directory.CreateDirectory(keep);
        foreach (var f in System.IO.Directory.GetFiles(Directory, "*.log", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(keep, Path.GetFileName(f)), true);
        lock (Transcript) File.WriteAllText(Path.Combine(keep, "cli-transcript.txt"), Transcript.ToString());
        // The logs are kept above; the rest (the saved-network store with its passphrases, sockets, pty links) goes.
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Reads a log another process (or our own sink) is still writing.</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task Must(string tool, params string[] args)
    {
        var r = await ProcessRunner.RunAsync(tool, args, TimeSpan.FromSeconds(30));
        if (r.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)}: {r}");
    }
}
