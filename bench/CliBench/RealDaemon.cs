using System.Diagnostics;
using System.Text;

namespace WifiBridge.Bench.Cli;

/// <summary>
/// The real wbhostd in a temp directory with autostart = no (no VM; the qemu driver's kernel and
/// initramfs are placeholders it never boots), serving its API on a temp socket.
/// </summary>
internal sealed class RealDaemon : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _directory;

    private RealDaemon(Process process, string directory)
    {
        _process = process;
        _directory = directory;
        SocketPath = Path.Combine(directory, "run", "wbhostd.sock");
    }

    public string SocketPath { get; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static RealDaemon Start(string daemonDll)
    {
        var directory = Directory.CreateTempSubdirectory("clibench-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "state"));
        File.WriteAllText(Path.Combine(directory, "vmlinuz"), "");
        File.WriteAllText(Path.Combine(directory, "initrd"), "");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     daemonDll, "--set", "autostart=no", "--set", "vm_driver=qemu",
                     "--set", $"kernel={directory}/vmlinuz", "--set", $"initramfs={directory}/initrd",
                     "--set", $"socket={directory}/run/wbhostd.sock", "--set", $"state_dir={directory}/state",
                     "--set", $"runtime_dir={directory}/run", "--set", "log=stderr", "--set", "socket_group=root",
                     "--set", "host_platform=linux",
                 })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var daemon = new RealDaemon(process, directory);
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    public bool WaitUntilServing(Func<bool> probe, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !_process.HasExited)
        {
            if (File.Exists(SocketPath) && probe())
                return true;
            Thread.Sleep(250);
        }
        return false;
    }

    public (double RssMiB, double CpuPercent) MeasureIdle(TimeSpan window)
    {
        Thread.Sleep(2000); // let the last request's work settle
        var before = CpuTicks();
        var clock = Stopwatch.StartNew();
        Thread.Sleep(window);
        var ticks = CpuTicks() - before;
        var cpu = ticks / 100.0 / clock.Elapsed.TotalSeconds * 100; // USER_HZ = 100
        var rssKb = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return (double.Parse(rssKb, System.Globalization.CultureInfo.InvariantCulture) / 1024, cpu);
    }

    private long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture); // utime, stime
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
