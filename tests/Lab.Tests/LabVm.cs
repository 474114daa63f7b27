using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using WifiBridge.Link.Host;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Lab.Tests;

/// <summary>
/// One lab VM (guest-packaging/lab/run-lab-vm.sh in the foreground = QEMU), with its own run
/// directory and tap device so it never collides with another lab on the machine. Boots in
/// InitializeAsync, always kills QEMU in DisposeAsync. While the tests run, a background probe
/// measures boot-to-agent-ready over the virtio-console port.
/// </summary>
public sealed class LabVm : IAsyncLifetime
{
    public static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(6);
    /// <summary>From QEMU start: the agent must answer over virtio within this.</summary>
    public static readonly TimeSpan AgentReadyTimeout = TimeSpan.FromMinutes(6);
    /// <summary>Guest memory: issue 3's lab target (the production guest aims at 128 MB).</summary>
    public const int MemoryMb = 160;

    private readonly Stopwatch _sinceStart = new();
    private readonly CancellationTokenSource _stopping = new();
    private Process? _qemu;
    private Task<TimeSpan>? _agentReady;

    public string RunDirectory { get; } = Path.Combine(Path.GetTempPath(), "wblab-" + Guid.NewGuid().ToString("N")[..8]);
    public string TapName { get; } = "wbl" + Guid.NewGuid().ToString("N")[..6];
    public string AgentSocket => Path.Combine(RunDirectory, "agent.sock");
    public string LabctlSocket => Path.Combine(RunDirectory, "labctl.sock");
    public string Com2Link => Path.Combine(RunDirectory, "com2.pty");
    public string ConsoleLog => Path.Combine(RunDirectory, "console.log");

    /// <summary>QEMU start to the first labctl answer.</summary>
    public TimeSpan BootToLabctl { get; private set; }

    /// <summary>QEMU start to OpenRC's default runlevel having started lab-world and wbguest.</summary>
    public TimeSpan BootToDefaultRunlevel { get; private set; }

    /// <summary>QEMU start to the first GetInfo answered over the virtio-console port (fails if it never is).</summary>
    public Task<TimeSpan> AgentReadyOverVirtio => _agentReady ?? throw new InvalidOperationException("the lab VM is not started");

    public async Task InitializeAsync()
    {
        var (kernel, initramfs) = await LabImage.EnsureBuiltAsync();
        Directory.CreateDirectory(RunDirectory);
        var psi = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { Path.Combine(RepositoryPaths.LabDirectory, "run-lab-vm.sh"), "--run-dir", RunDirectory,
                     "--tap", TapName, "--kernel", kernel, "--initrd", initramfs, "--com2", "pty",
                     "--mem", MemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        _sinceStart.Start();
        _qemu = Process.Start(psi) ?? throw new InvalidOperationException("cannot start run-lab-vm.sh");
        var qemuLog = Path.Combine(RunDirectory, "qemu-stdout.log");
        _ = _qemu.StandardOutput.BaseStream.CopyToAsync(File.Create(qemuLog));
        _ = _qemu.StandardError.BaseStream.CopyToAsync(File.Create(qemuLog + ".err"));
        _agentReady = ProbeAgentAsync();

        var wait = await Labctl(["--timeout", ((int)BootTimeout.TotalSeconds).ToString(), "wait"], BootTimeout + TimeSpan.FromSeconds(30));
        if (wait.ExitCode != 0)
            throw new InvalidOperationException($"the lab VM did not answer labctl within {BootTimeout.TotalMinutes} min ({wait});\n{Diagnostics()}");
        BootToLabctl = _sinceStart.Elapsed;

        // The default runlevel is done when lab-world and wbguest are both started.
        var deadline = DateTime.UtcNow + BootTimeout - _sinceStart.Elapsed;
        while (true)
        {
            var status = await ExecAsync("rc-service lab-world status; rc-service wbguest status");
            if (status.Output.Split("status: started").Length == 3)
                break;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"OpenRC did not start lab-world and wbguest within {BootTimeout.TotalMinutes} min:\n{status.Output}\n{Diagnostics()}");
            await Task.Delay(1000);
        }
        BootToDefaultRunlevel = _sinceStart.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_qemu is { HasExited: false })
        {
            _qemu.Kill(entireProcessTree: true);
            await _qemu.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(20));
        }
        _qemu?.Dispose();
        await _stopping.CancelAsync();
        if (_agentReady is not null)
            await Task.WhenAny(_agentReady, Task.Delay(TimeSpan.FromSeconds(10)));
        // QEMU's tap vanishes with QEMU; make sure.
        await ProcessRunner.RunAsync("ip", ["link", "del", TapName], TimeSpan.FromSeconds(10));
        var keep = Environment.GetEnvironmentVariable("WB_LAB_KEEP_RUNDIR") == "1";
        if (!keep)
        {
            try { Directory.Delete(RunDirectory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Runs a shell command in the guest through labctl.sh; the guest and the host both enforce the timeout.</summary>
    public Task<ProcessResult> ExecAsync(string command, int timeoutSeconds = 60) =>
        Labctl(["--timeout", timeoutSeconds.ToString(), "exec", command], TimeSpan.FromSeconds(timeoutSeconds + 20));

    /// <summary>Like <see cref="ExecAsync"/> but fails the test (with the output) on a non-zero status.</summary>
    public async Task<string> ExecOkAsync(string command, int timeoutSeconds = 60)
    {
        var r = await ExecAsync(command, timeoutSeconds);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"guest command failed: {command}\n{r}");
        return r.Output;
    }

    /// <summary>The guest's view for a failure message: processes, interfaces, and the agent's log.</summary>
    public async Task<string> GuestDiagnosticsAsync()
    {
        var r = await ExecAsync("ps -o pid,ppid,stat,args; ip -br addr; tail -n 60 /var/log/wbguest.log", 30);
        return $"--- guest ---\n{r.Output}";
    }

    public string Diagnostics()
    {
        // QEMU still has its logs open for writing: read them with shared access.
        static string Tail(string path, int lines)
        {
            if (!File.Exists(path)) return $"({path} missing)";
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        return $"--- console.log (last 40 lines) ---\n{Tail(ConsoleLog, 40)}\n--- qemu stderr ---\n{Tail(Path.Combine(RunDirectory, "qemu-stdout.log.err"), 20)}";
    }

    /// <summary>GetInfo over the link on <paramref name="target"/>, retried until it answers or the timeout expires.</summary>
    public static async Task<GuestInfo> GetInfoWhenReadyAsync(LinkTarget target, TimeSpan timeout, CancellationToken cancel = default)
    {
        await using var connector = new LinkConnector(target);
        using var channel = GrpcChannel.ForAddress("http://wifibridge-guest", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = connector.ConnectCallback },
        });
        var client = new GuestAgent.GuestAgentClient(channel);
        var until = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                return await client.GetInfoAsync(new GetInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: cancel)
                    .ResponseAsync.WithTimeout(TimeSpan.FromSeconds(25));
            }
            catch (Exception e) when ((e is RpcException or TimeoutException or IOException) && !cancel.IsCancellationRequested)
            {
                last = e;
                await Task.Delay(1000, cancel);
            }
        }
        throw new TimeoutException($"no GetInfo answer over {target} within {timeout.TotalSeconds:0} s; last error: {last?.Message}");
    }

    private async Task<TimeSpan> ProbeAgentAsync()
    {
        await Task.Yield();
        for (var i = 0; i < 600 && !File.Exists(AgentSocket); i++)
            await Task.Delay(100);
        await GetInfoWhenReadyAsync(LinkTarget.UnixSocket(AgentSocket), AgentReadyTimeout - _sinceStart.Elapsed, _stopping.Token);
        return _sinceStart.Elapsed;
    }

    private Task<ProcessResult> Labctl(IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRunner.RunAsync("bash", new[] { Path.Combine(RepositoryPaths.LabDirectory, "labctl.sh"), "--sock", LabctlSocket }.Concat(args), timeout);
}
