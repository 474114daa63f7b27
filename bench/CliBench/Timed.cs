using System.Diagnostics;

namespace WifiBridge.Bench.Cli;

/// <summary>Starts `DOTNET ARGS` and measures the wall time from start to exit and the CPU time it used.</summary>
internal static class Timed
{
    public readonly record struct Result(int ExitCode, double Milliseconds, double CpuMilliseconds);

    /// <summary>The dotnet host the measured programs run under: "dotnet" on PATH unless --dotnet names another.</summary>
    public static string Host { get; set; } = "dotnet";

    public static Result Run(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var cpuBefore = ChildCpuTime.TotalMilliseconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        stdout.Wait();
        stderr.Wait();
        return new Result(process.ExitCode, elapsed, ChildCpuTime.TotalMilliseconds() - cpuBefore);
    }
}
