using System.Runtime.InteropServices;

namespace WifiBridge.Bench.Cli;

/// <summary>
/// CPU time (user + system) of this process's terminated and reaped children, from getrusage(RUSAGE_CHILDREN)
/// (Linux x86-64 struct rusage: two struct timeval first). The difference across one <see cref="Timed.Run"/>
/// is that child's CPU time: less sensitive than wall time to other work on a shared machine.
/// </summary>
internal static class ChildCpuTime
{
    private const int RusageChildren = -1;

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, long[] usage);

    public static double TotalMilliseconds()
    {
        var usage = new long[18]; // ru_utime {sec, usec}, ru_stime {sec, usec}, 14 counters
        if (GetResourceUsage(RusageChildren, usage) != 0)
            return double.NaN;
        return (usage[0] + usage[2]) * 1000.0 + (usage[1] + usage[3]) / 1000.0;
    }
}
