using System.Diagnostics;
using System.Globalization;

namespace WifiBridge.Bench.Cli;

/// <summary>Runs the measurement and prints the table.</summary>
internal static class CliBenchmark
{
    public static int Run(string[] args)
    {
        var root = FindRepositoryRoot();
        var runs = IntOption(args, "--runs", 100); // this machine's run-to-run spread is several ms: many runs for a steady median
        var idleSeconds = IntOption(args, "--idle-seconds", 10);
        var cli = StringOption(args, "--cli") ?? Path.Combine(root, "src/Wbhost/bin/Release/net9.0/wbhost.dll");
        var daemonDll = StringOption(args, "--daemon") ?? Path.Combine(root, "src/HostController/bin/Release/net9.0/wbhostd.dll");
        // Both measured programs run under this host (wbhostd stays on PATH's dotnet): bench/CliBench/run-net9.sh
        // passes a .NET 9 one, the runtime FreeBSD ships, on which the CLI's .NET 9 ReadyToRun code is used.
        Timed.Host = StringOption(args, "--dotnet") ?? "dotnet";
        var image = CliImage.Describe(cli);
        var self = typeof(CliBenchmark).Assembly.Location;
        foreach (var (path, project) in new[] { (cli, "src/Wbhost"), (daemonDll, "src/HostController") })
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"clibench: {path} is missing; build it with: dotnet build {project} -c Release");
                return 1;
            }
        }

        using var daemon = RealDaemon.Start(daemonDll);
        var socketArgs = new[] { cli, "--socket", daemon.SocketPath, "status" };
        if (!daemon.WaitUntilServing(() => Timed.Run(socketArgs).ExitCode == 0, TimeSpan.FromSeconds(90)))
        {
            Console.Error.WriteLine($"clibench: wbhostd did not answer `wbhost status` within 90 s; its log:\n{daemon.Log}");
            return 1;
        }

        for (var i = 0; i < 5; i++) // warm up: disk cache, daemon JIT
        {
            Timed.Run([self, "--empty"]);
            Timed.Run(socketArgs);
        }
        var empty = new List<double>();
        var status = new List<double>();
        var emptyCpu = new List<double>();
        var statusCpu = new List<double>();
        for (var i = 0; i < runs; i++) // interleaved so load changes hit both alike
        {
            var baseline = Timed.Run([self, "--empty"]);
            empty.Add(baseline.Milliseconds);
            emptyCpu.Add(baseline.CpuMilliseconds);
            var run = Timed.Run(socketArgs);
            if (run.ExitCode != 0)
            {
                Console.Error.WriteLine($"clibench: wbhost status exited {run.ExitCode}");
                return 1;
            }
            status.Add(run.Milliseconds);
            statusCpu.Add(run.CpuMilliseconds);
        }

        var emptyJit = JitProfile(self, [self, "--empty"]);
        var statusJit = JitProfile(self, socketArgs);
        var idle = idleSeconds > 0 ? daemon.MeasureIdle(TimeSpan.FromSeconds(idleSeconds)) : default;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var runtime = statusJit.Runtime;

        Console.WriteLine($"wbhost status vs empty program: {runs} runs each, interleaved, after 5 warm-up runs; daemon: real wbhostd (autostart = no, VM stopped)");
        Console.WriteLine($"host {Timed.Host}, runtime {runtime} (empty program: {emptyJit.Runtime}), {Environment.ProcessorCount} CPUs, load average at the end {load}");
        Console.WriteLine($"wbhost.dll: {cli}, {image}");
        Console.WriteLine();
        Console.WriteLine("| program                         | median ms | p90 ms | mean ms | min ms |");
        Console.WriteLine("|---------------------------------|----------:|-------:|--------:|-------:|");
        Row("dotnet empty program (baseline)", empty);
        Row("dotnet wbhost.dll status", status);
        Console.WriteLine();
        Console.WriteLine($"ratio (wbhost status / empty): median {Ratio(status, empty, 0.5)}, p90 {Ratio(status, empty, 0.9)}  (target <= 1.5)");
        Console.WriteLine();
        Console.WriteLine("CPU time of the same runs (user + system, getrusage of the reaped child; less sensitive than wall time to other load):");
        Console.WriteLine();
        Console.WriteLine("| program                         | median CPU ms | p90 CPU ms |");
        Console.WriteLine("|---------------------------------|--------------:|-----------:|");
        Console.WriteLine($"| dotnet empty program (baseline) | {F(Percentile(emptyCpu, 0.5)),13} | {F(Percentile(emptyCpu, 0.9)),10} |");
        Console.WriteLine($"| dotnet wbhost.dll status        | {F(Percentile(statusCpu, 0.5)),13} | {F(Percentile(statusCpu, 0.9)),10} |");
        Console.WriteLine();
        Console.WriteLine($"CPU ratio (wbhost status / empty): median {Ratio(statusCpu, emptyCpu, 0.5)}");
        Console.WriteLine();
        Console.WriteLine("Where the time goes (one extra untimed run each, JIT counters read at exit through a startup hook):");
        Console.WriteLine();
        Console.WriteLine("| program                         | methods JIT-compiled | ms in the JIT | assemblies |");
        Console.WriteLine("|---------------------------------|---------------------:|--------------:|-----------:|");
        Console.WriteLine($"| dotnet empty program (baseline) | {emptyJit.Methods,20} | {emptyJit.Milliseconds,13} | {emptyJit.Assemblies,10} |");
        Console.WriteLine($"| dotnet wbhost.dll status        | {statusJit.Methods,20} | {statusJit.Milliseconds,13} | {statusJit.Assemblies,10} |");
        Console.WriteLine();
        Console.WriteLine("Both programs are framework-dependent. The FreeBSD package ships wbhost as .NET 9 ReadyToRun images for");
        Console.WriteLine("FreeBSD (host-packaging/freebsd/make-package.sh); a runtime of another major version ignores that code and JIT-compiles");
        Console.WriteLine("the IL, so only a ReadyToRun image for Linux on a .NET 9 runtime (bench/CliBench/run-net9.sh) measures here what FreeBSD runs.");
        var name = image.IsReadyToRun
            ? $"wbhost status, ReadyToRun on .NET {runtime.Split('.')[0]}: wall time vs an empty dotnet program (median)"
            : "wbhost status: wall time vs an empty dotnet program (median)";
        FigureFile.Record(name, Percentile(status, 0.5) / Percentile(empty, 0.5), "x",
            $"{F(Percentile(status, 0.5))} vs {F(Percentile(empty, 0.5))} ms, runtime {runtime}, {image}, {statusJit.Methods} methods JIT-compiled, {runs} runs; target <= 1.5");
        if (idleSeconds > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| wbhostd idle (VM stopped)       | value |");
            Console.WriteLine("|---------------------------------|------:|");
            Console.WriteLine($"| RSS                             | {idle.RssMiB.ToString("0.0", CultureInfo.InvariantCulture)} MiB |");
            Console.WriteLine($"| CPU over {idleSeconds} s idle                | {idle.CpuPercent.ToString("0.00", CultureInfo.InvariantCulture)} % |");
            FigureFile.Record("wbhostd: RSS idle, VM stopped", idle.RssMiB, "MiB", $"CPU {idle.CpuPercent.ToString("0.00", CultureInfo.InvariantCulture)} % over {idleSeconds} s");
        }
        return 0;
    }

    /// <summary>Runs `dotnet ARGS` once with this assembly as startup hook; returns its JIT method count, JIT time, assembly count and runtime version.</summary>
    private static (string Methods, string Milliseconds, string Assemblies, string Runtime) JitProfile(string self, string[] arguments)
    {
        var report = Path.GetTempFileName();
        try
        {
            Timed.Run(arguments, new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = self, ["WB_BENCH_JIT_REPORT"] = report });
            var fields = File.ReadAllText(report).Split(' ');
            return fields.Length == 4 ? (fields[0], fields[1], fields[2], fields[3]) : ("?", "?", "?", "?");
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine($"| {name,-31} | {F(Percentile(values, 0.5)),9} | {F(Percentile(values, 0.9)),6} | {F(values.Average()),7} | {F(values.Min()),6} |");

    private static string Ratio(List<double> a, List<double> b, double p) =>
        (Percentile(a, p) / Percentile(b, p)).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WifiBridgeAgents.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("run CliBench from inside the WifiBridge repository");
    }
}
