using System.Diagnostics;

namespace WifiBridge.HostController.Platform;

/// <summary>FreeBSD: no /proc by default; ps(1) gives the command (bhyve shows "bhyve: NAME").</summary>
public sealed class FreeBsdProcessTable : IProcessTable
{
    public bool IsAlive(int pid) => pid > 1 && PosixSignals.Send(pid, 0) && CommandLine(pid) is not null;

    public string? CommandLine(int pid)
    {
        var psi = new ProcessStartInfo("ps") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-ww", "-o", "state=,command=", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var ps = Process.Start(psi)!;
        var output = ps.StandardOutput.ReadToEnd().Trim();
        ps.WaitForExit();
        if (ps.ExitCode != 0 || output.Length == 0 || output[0] == 'Z') return null;
        var space = output.IndexOf(' ');
        return space < 0 ? "" : output[(space + 1)..].Trim();
    }

    public bool Signal(int pid, int signal) => PosixSignals.Send(pid, signal);
}
