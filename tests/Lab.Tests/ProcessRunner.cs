using System.Diagnostics;
using System.Text;

namespace WifiBridge.Lab.Tests;

/// <summary>Runs a program to completion with a hard timeout (the process tree is killed when it expires).</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var gate = new object();
        void Append(string? line) { if (line is not null) lock (gate) output.AppendLine(line); }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(10));
            lock (gate)
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s; output so far:\n{output}");
        }
        process.WaitForExit(); // flush the asynchronous readers
        lock (gate) return new ProcessResult(process.ExitCode, output.ToString());
    }
}
