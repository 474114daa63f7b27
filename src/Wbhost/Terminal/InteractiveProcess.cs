using System.ComponentModel;
using System.Diagnostics;

namespace WifiBridge.Cli.Terminal;

/// <summary>Runs a program on the user's terminal (inherited stdin/stdout/stderr) and waits for it.</summary>
internal static class InteractiveProcess
{
    /// <returns>The exit code, or null when the program could not be started.</returns>
    public static int? Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start);
            if (process is null)
                return null;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
