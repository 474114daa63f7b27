namespace WifiBridge.Cli.Commands;

/// <summary>
/// `wbhost vm console`: attaches the terminal to the VM's serial console with cu(1) on the
/// host side of its nmdm pair (FreeBSD). When that is not possible, prints what to run.
/// </summary>
internal static class VmConsole
{
    public static int Attach(CliContext context, string device)
    {
        var safeDevice = Output.TerminalText.Sanitize(device);
        var command = $"cu -l {safeDevice} -s 115200";
        if (!File.Exists(device))
        {
            context.Err.Write($"wbhost: the console device {safeDevice} does not exist (is the VM running with a serial console? see: wbhost vm status).\n"
                + $"When it exists, attach with: {command}   (leave with ~.)\n");
            return ExitCode.NotFound;
        }
        context.Err.Write($"Attaching to the VM console with: {command}   (leave with ~.)\n");
        context.Err.Flush();
        var exit = context.RunInteractive("cu", ["-l", device, "-s", "115200"]);
        if (exit is null)
        {
            context.Err.Write($"wbhost: cannot run cu(1) here; attach with: {command}\n");
            return ExitCode.Error;
        }
        return exit.Value == 0 ? ExitCode.Ok : ExitCode.Error;
    }
}
