using System.Globalization;
using System.Runtime;

/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS=CliBench.dll; the runtime wants exactly this global type name):
/// when WB_BENCH_JIT_REPORT names a file, the process writes "METHODS MILLISECONDS ASSEMBLIES RUNTIME" (JIT work,
/// assemblies loaded, the runtime version it ran on) into it at exit.
/// CliBench loads it into one extra, untimed run of each program to show where start-up goes.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("WB_BENCH_JIT_REPORT") is not { Length: > 0 } report)
            return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllText(report, string.Create(CultureInfo.InvariantCulture,
            $"{JitInfo.GetCompiledMethodCount()} {JitInfo.GetCompilationTime().TotalMilliseconds:0.0} {AppDomain.CurrentDomain.GetAssemblies().Length} {Environment.Version}"));
    }
}
