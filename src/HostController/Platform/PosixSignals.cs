using System.Runtime.InteropServices;

namespace WifiBridge.HostController.Platform;

/// <summary>kill(2), same numbers on Linux and FreeBSD for the signals we use.</summary>
public static partial class PosixSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int Esrch = 3;

    public static bool Send(int pid, int signal)
    {
        if (pid <= 1) return false;
        if (Kill(pid, signal) == 0) return true;
        return Marshal.GetLastPInvokeError() != Esrch; // EPERM: exists but not ours
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
