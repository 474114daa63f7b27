using System.ComponentModel;
using System.Diagnostics;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Runs tools as child processes. <paramref name="wrapper"/> is prepended to every command
/// line (empty in production; e.g. <c>["ip", "netns", "exec", "guest"]</c> in tests, which
/// execs the tool in place so the process id stays the tool's).
/// </summary>
public sealed class ProcessCommandRunner(IReadOnlyList<string>? wrapper = null) : ICommandRunner
{
    private readonly IReadOnlyList<string> _wrapper = wrapper ?? [];

    public async Task<CommandResult> RunAsync(string executable, IReadOnlyList<string> arguments, string? standardInput,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo(executable, arguments) };
        process.StartInfo.RedirectStandardOutput = true;
        process.StartInfo.RedirectStandardInput = true;
        StartOrThrow(process, executable);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Describe(executable, arguments)} did not finish within {timeout.TotalSeconds:0.#} s and was killed");
        }
        return new CommandResult(Describe(executable, arguments), process.ExitCode,
            await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public IRunningCommand Start(string executable, IReadOnlyList<string> arguments, Action<string> onOutputLine)
    {
        var process = new Process { StartInfo = CreateStartInfo(executable, arguments), EnableRaisingEvents = true };
        process.StartInfo.RedirectStandardOutput = true;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) onOutputLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) onOutputLine(line); };
        StartOrThrow(process, executable);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningProcess(process);
    }

    private ProcessStartInfo CreateStartInfo(string executable, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardError = true };
        var all = _wrapper.Concat([executable]).Concat(arguments).ToList();
        info.FileName = all[0];
        foreach (var a in all.Skip(1)) info.ArgumentList.Add(a);
        return info;
    }

    private void StartOrThrow(Process process, string executable)
    {
        if (Path.IsPathRooted(executable) && !File.Exists(executable))
            throw new ToolNotFoundException(executable, PackageOf(executable));
        try { process.Start(); }
        catch (Win32Exception) { throw new ToolNotFoundException(executable, PackageOf(executable)); }
    }

    private static string PackageOf(string executable) => Path.GetFileName(executable) switch
    {
        "nft" => "nftables",
        "ip" => "iproute2",
        "iw" => "iw",
        "dnsmasq" => "dnsmasq",
        _ => "busybox",
    };

    private static string Describe(string executable, IReadOnlyList<string> arguments)
        => string.Join(' ', new[] { Path.GetFileName(executable) }.Concat(arguments));

    private sealed class RunningProcess(Process process) : IRunningCommand
    {
        private readonly Task<int> _exited = WaitAsync(process);

        public int ProcessId { get; } = process.Id;
        public Task<int> Exited => _exited;

        public async Task StopAsync()
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await Task.WhenAny(_exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }

        public void Dispose() => process.Dispose();

        private static async Task<int> WaitAsync(Process p)
        {
            await p.WaitForExitAsync().ConfigureAwait(false);
            return p.ExitCode;
        }
    }
}
