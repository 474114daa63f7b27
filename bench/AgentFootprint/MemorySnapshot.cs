namespace WifiBridge.Bench.AgentFootprint;

/// <summary>
/// A process's resident memory as the kernel accounts it (/proc/PID/status): the total, its
/// anonymous part (heap, GC regions, stacks, the runtime's rehydrated type data: memory only
/// swap could free) and its file-backed part (the binary's mapped pages: clean, shared with
/// the page cache), and the thread count.
/// </summary>
internal readonly record struct MemorySnapshot(long RssKb, long AnonKb, long FileKb, int Threads)
{
    public static MemorySnapshot Read(int pid)
    {
        long rss = -1, anon = -1, file = -1;
        var threads = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kb(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kb(line);
            else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)Kb(line);
        }
        if (rss < 0 || anon < 0 || file < 0 || threads < 0) throw new InvalidOperationException($"/proc/{pid}/status lacks VmRSS/RssAnon/RssFile/Threads");
        return new MemorySnapshot(rss, anon, file, threads);
    }

    public double RssMb => RssKb / 1024.0;

    public double AnonMb => AnonKb / 1024.0;

    public double FileMb => FileKb / 1024.0;

    private static long Kb(string line) => long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1]);
}
