using System.ComponentModel;
using System.Diagnostics;

namespace WifiBridge.HostController.Processes;

/// <summary>Runs tools with <see cref="Process"/>, resolving them on PATH (so tests can put fakes first).</summary>
public sealed class ProcessRunner : IProcessRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public async Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct = default, string? stdin = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolFailedException(tool,
                $"cannot run '{tool}': {e.Message}. Check that it is installed and on PATH ({Environment.GetEnvironmentVariable("PATH")}).", e);
        }
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), ct).ConfigureAwait(false);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (ct.IsCancellationRequested) throw;
            throw new ToolFailedException(tool, $"'{tool} {string.Join(' ', args)}' did not finish within {DefaultTimeout.TotalSeconds:0} s and was killed");
        }
        return new ProcessResult(tool, args.ToArray(), process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
