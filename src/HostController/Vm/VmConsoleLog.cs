namespace WifiBridge.HostController.Vm;

/// <summary>The tail of the VM's console log, with terminal control characters removed (the guest wrote it).</summary>
public static class VmConsoleLog
{
    public const int MaxLines = 5000;
    private const long MaxBytes = 4 << 20;

    public static IReadOnlyList<string> Tail(string path, uint lines)
    {
        var wanted = (int)Math.Clamp(lines == 0 ? 100 : lines, 1, MaxLines);
        if (!File.Exists(path)) return [];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (fs.Length > MaxBytes) fs.Seek(-MaxBytes, SeekOrigin.End);
        using var reader = new StreamReader(fs, System.Text.Encoding.UTF8);
        var queue = new Queue<string>(wanted);
        while (reader.ReadLine() is { } line)
        {
            if (queue.Count == wanted) queue.Dequeue();
            queue.Enqueue(Clean(line));
        }
        return queue.ToList();
    }

    private static string Clean(string line)
    {
        if (line.Length > 1000) line = line[..1000];
        return line.Any(c => char.IsControl(c) && c != '\t') ? new string(line.Where(c => !char.IsControl(c) || c == '\t').ToArray()) : line;
    }
}
