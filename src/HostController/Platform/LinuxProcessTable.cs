namespace WifiBridge.HostController.Platform;

/// <summary>Linux: /proc/PID/cmdline and kill(2).</summary>
public sealed class LinuxProcessTable : IProcessTable
{
    public bool IsAlive(int pid)
    {
        if (pid <= 1) return false;
        try
        {
            // A zombie has no cmdline and state Z: it is not running any more.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return PosixSignals.Send(pid, 0); }
    }

    public string? CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.TrimEnd('\0').Replace('\0', ' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public bool Signal(int pid, int signal) => PosixSignals.Send(pid, signal);
}
