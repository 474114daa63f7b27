using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Grpc.Net.Client;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>wbhostd started as a real process (dotnet wbhostd.dll) with the fakes on PATH and every path in a
/// test directory. Log goes to a file; <see cref="AssertNoUnexpectedErrors"/> fails on error lines.</summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DaemonProcess(Process process, DaemonPaths paths)
    {
        _process = process;
        Paths = paths;
    }

    public DaemonPaths Paths { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static DaemonPaths Configure(TestDirectory dir, IEnumerable<string> extraConfigLines)
    {
        var paths = new DaemonPaths(dir);
        File.WriteAllText(paths.UefiFirmware, "fake firmware");
        File.WriteAllText(paths.DiskImage, "fake disk");
        var lines = new List<string>
        {
            "# written by the wbhostd tests",
            "vm_driver = bhyve",
            "host_platform = freebsd",
            $"socket = {paths.Socket}",
            "socket_group = root",
            $"state_dir = {paths.StateDir}",
            $"runtime_dir = {paths.RuntimeDir}",
            $"log = file:{paths.LogFile}",
            "log_level = debug",
            $"uefi_firmware = {paths.UefiFirmware}",
            $"disk_image = {paths.DiskImage}",
            $"loader_conf = {paths.LoaderConf}",
            "stop_timeout_s = 3",
            "restart_backoff_ms = 300",
            "restart_backoff_max_ms = 2000",
            "link_retry_ms = 200",
        };
        lines.AddRange(extraConfigLines);
        File.WriteAllLines(paths.ConfigFile, lines);
        return paths;
    }

    public static async Task<DaemonProcess> StartAsync(DaemonPaths paths, FakeTools fakes, bool waitForSocket = true)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wbhostd.dll"));
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(paths.ConfigFile);
        foreach (var (k, v) in fakes.Environment) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        var daemon = new DaemonProcess(process, paths);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (daemon._output) daemon._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (daemon._output) daemon._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitForSocket) await daemon.WaitForSocketAsync();
        return daemon;
    }

    public async Task WaitForSocketAsync()
    {
        await Eventually.True(() =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"wbhostd exited with {_process.ExitCode}: {Output}\n{Log}");
            if (!File.Exists(Paths.Socket)) return false;
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try { s.Connect(new UnixDomainSocketEndPoint(Paths.Socket)); return true; }
            catch (SocketException) { return false; }
        }, "wbhostd to listen on " + Paths.Socket);
    }

    public string Log => File.Exists(Paths.LogFile) ? File.ReadAllText(Paths.LogFile) : "";

    public WifiBridgeHost.WifiBridgeHostClient Client() => HostApi.Client(Paths.Socket);

    /// <summary>Fails when the daemon logged an error other than the expected event ids (grpc-dotnet's VerifyNoErrorsScope idea).</summary>
    public void AssertNoUnexpectedErrors(params int[] allowedEventIds)
    {
        var errors = Log.Split('\n').Where(l => l.Contains(" error [", StringComparison.Ordinal) || l.Contains(" crit [", StringComparison.Ordinal))
            .Where(l => !allowedEventIds.Any(id => l.Contains($" [{id}] ", StringComparison.Ordinal))).ToList();
        Assert.True(errors.Count == 0, "unexpected error log lines:\n" + string.Join('\n', errors));
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10000);
    }

    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Platform.PosixSignals.Send(_process.Id, Platform.PosixSignals.SigTerm);
        await _process.WaitForExitAsync().WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        catch (TimeoutException) { Kill(); }
        _process.Dispose();
    }
}
