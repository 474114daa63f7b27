// CliBench: wall time (and CPU time) of `wbhost status` (CLI start to exit, daemon warm) vs `dotnet`
// running an empty program, both framework-dependent, measured in the same run; plus wbhostd's idle RSS and CPU.
if (args is ["--empty"])
    return 0; // the baseline: runtime start-up and an empty Main, nothing else

return WifiBridge.Bench.Cli.CliBenchmark.Run(args);
