using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost vm start|stop|restart|status|console|logs`: the Wi-Fi VM.</summary>
internal static class VmCommand
{
    public const string Usage = "wbhost vm start|stop|restart|status|logs [--lines N]|console [--device DEV]";
    public const string DefaultConsoleDevice = "/dev/nmdm0B";
    private static readonly TimeSpan LifecycleTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var lines = args.Option("--lines", "-n");
        var device = args.Option("--device");
        var verb = args.NextPositional() ?? "status";
        if (verb != "logs" && lines is not null || verb != "console" && device is not null)
            throw CliException.BadInput($"--lines goes with 'vm logs' and --device with 'vm console'; usage: {Usage}");
        args.EnsureNothingLeft(Usage);
        var daemon = context.Daemon;
        switch (verb)
        {
            case "start":
                return Print(context, await daemon.VmStartAsync(new VmRequest(), context.Call(LifecycleTimeout)).ConfigureAwait(false));
            case "stop":
                return Print(context, await daemon.VmStopAsync(new VmRequest(), context.Call(LifecycleTimeout)).ConfigureAwait(false));
            case "restart":
                return Print(context, await daemon.VmRestartAsync(new VmRequest(), context.Call(LifecycleTimeout)).ConfigureAwait(false));
            case "status":
                return PrintStatus(context, await daemon.GetVmStatusAsync(new VmRequest(), context.Call()).ConfigureAwait(false));
            case "logs":
            {
                var count = lines is null ? 100u : (uint)IntegerArgument.Parse(lines, "--lines", 1, 100_000);
                var logs = await daemon.VmLogsAsync(new VmLogsRequest { Lines = count }, context.Call()).ConfigureAwait(false);
                if (context.Options.Json)
                    JsonOutput.Write(context.Out, logs);
                else
                    foreach (var line in logs.Lines)
                        context.Out.Write(TerminalText.Sanitize(line, keepTabs: true) + "\n");
                return ExitCode.Ok;
            }
            case "console":
                return VmConsole.Attach(context, device ?? DefaultConsoleDevice);
            default:
                throw CliException.BadInput($"unknown vm command '{TerminalText.Sanitize(verb)}'; usage: {Usage}");
        }
    }

    /// <summary>One line: "running (bhyve, pid 4242, up 2h04m, 1 restart)".</summary>
    public static string Summary(VmStatus? vm, DateTimeOffset now)
    {
        if (vm is null)
            return "unknown";
        var parts = new List<string>();
        if (vm.Driver.Length > 0)
            parts.Add(TerminalText.Sanitize(vm.Driver));
        if (vm.Pid > 0)
            parts.Add("pid " + Digits.Of(vm.Pid));
        if (vm.State == VmState.Running && vm.StartedUnixMs > 0)
            parts.Add($"up {TimeFormat.Age(vm.StartedUnixMs, now)}");
        parts.Add(vm.Restarts == 1 ? "1 restart" : Digits.Of(vm.Restarts) + " restarts");
        if (vm.LastExit.Length > 0)
            parts.Add($"last exit: {TerminalText.Sanitize(vm.LastExit)}");
        return $"{WifiFormat.VmState(vm.State)} ({string.Join(", ", parts)})";
    }

    private static int Print(CliContext context, VmStatus vm)
    {
        if (context.Options.Json)
            JsonOutput.Write(context.Out, vm);
        else
            context.Out.Write($"VM {Summary(vm, context.Now)}\n" + (vm.LastError.Length > 0 ? $"VM error: {TerminalText.Sanitize(vm.LastError)}\n" : ""));
        return ExitCode.Ok;
    }

    private static int PrintStatus(CliContext context, VmStatus vm)
    {
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, vm);
            return ExitCode.Ok;
        }
        var lines = new KeyValueLines();
        lines.Add("State", WifiFormat.VmState(vm.State));
        lines.Add("Driver", Or(vm.Driver));
        lines.Add("PID", vm.Pid > 0 ? vm.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : "--");
        lines.Add("Up", vm.State == VmState.Running ? TimeFormat.Age(vm.StartedUnixMs, context.Now) : "--");
        lines.Add("Restarts", vm.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        lines.Add("Last exit", Or(vm.LastExit));
        lines.Add("Last error", Or(vm.LastError));
        lines.Add("Console log", Or(vm.ConsoleLog));
        lines.Write(context.Out, context.Options.Terse);
        return ExitCode.Ok;
    }

    private static string Or(string value) => value.Length == 0 ? "--" : TerminalText.Sanitize(value);
}
