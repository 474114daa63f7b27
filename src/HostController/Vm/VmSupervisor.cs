using System.Globalization;
using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Platform;
using WifiBridge.HostController.Status;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Vm;

/// <summary>Owns the VM's life: starts it detached (so it survives a wbhostd restart), re-attaches to it
/// through the pidfile after verifying the pid really is our VM, watches it, restarts it after a reboot
/// or a crash (with exponential backoff), and stops it gracefully then by force.</summary>
public sealed class VmSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly DaemonOptions _options;
    private readonly IVmDriver _driver;
    private readonly IDetachedLauncher _launcher;
    private readonly IProcessTable _processes;
    private readonly Func<CancellationToken, Task> _beforeStart;
    private readonly HostEventHub _events;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _ops = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _lock = new();
    private VmStatus _status;
    private int _consecutiveCrashes;
    private bool _stopRequested;
    private TaskCompletionSource<int?>? _exited;
    private CancellationTokenSource? _backoff;

    public VmSupervisor(DaemonOptions options, IVmDriver driver, IDetachedLauncher launcher, IProcessTable processes,
        Func<CancellationToken, Task> beforeStart, HostEventHub events, TimeProvider clock, ILogger<VmSupervisor> logger)
    {
        _options = options;
        _driver = driver;
        _launcher = launcher;
        _processes = processes;
        _beforeStart = beforeStart;
        _events = events;
        _clock = clock;
        _logger = logger;
        _status = new VmStatus { State = VmState.Stopped, Driver = driver.Name, ConsoleLog = options.ConsoleLogPath };
    }

    public VmStatus Status
    {
        get { lock (_lock) return _status.Clone(); }
    }

    public bool IsRunning => Status.State == VmState.Running;

    /// <summary>On daemon start: re-attach to a live VM, else start one when autostart is on. Never throws for
    /// VM problems: they end up in the status (the daemon must come up to report them).</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_options.RuntimeDir);
        await _ops.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (TryReattach()) return;
            if (!_options.Autostart) return;
            try { await StartLockedAsync(ct).ConfigureAwait(false); }
            catch (Exception e) when (e is VmConfigurationException or Processes.ToolFailedException or IOException) { }
        }
        finally { _ops.Release(); }
    }

    /// <summary>Starts the VM; already running is not an error. Misconfiguration throws <see cref="VmConfigurationException"/>.</summary>
    public async Task<VmStatus> StartAsync(CancellationToken ct)
    {
        await _ops.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Status.State is VmState.Running or VmState.Starting) return Status;
            CancelBackoff();
            _consecutiveCrashes = 0;
            await StartLockedAsync(ct).ConfigureAwait(false);
            return Status;
        }
        finally { _ops.Release(); }
    }

    public async Task<VmStatus> StopAsync(CancellationToken ct)
    {
        await _ops.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StopLockedAsync(ct).ConfigureAwait(false);
            return Status;
        }
        finally { _ops.Release(); }
    }

    public async Task<VmStatus> RestartAsync(CancellationToken ct)
    {
        await _ops.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StopLockedAsync(ct).ConfigureAwait(false);
            _consecutiveCrashes = 0;
            await StartLockedAsync(ct).ConfigureAwait(false);
            return Status;
        }
        finally { _ops.Release(); }
    }

    /// <summary>The guest came up properly (link READY): crashes before this no longer count towards giving up.</summary>
    public void MarkHealthy() => Interlocked.Exchange(ref _consecutiveCrashes, 0);

    public async ValueTask DisposeAsync()
    {
        // The VM deliberately keeps running: a wbhostd restart must not drop Wi-Fi.
        await _lifetime.CancelAsync().ConfigureAwait(false);
        CancelBackoff();
    }

    private bool TryReattach()
    {
        var pid = ReadPidFile();
        if (pid is null) return false;
        var cmd = _processes.CommandLine(pid.Value);
        if (cmd is null || !_processes.IsAlive(pid.Value))
        {
            TryDelete(_options.VmPidFilePath);
            return false;
        }
        if (!_driver.IsOurVm(cmd))
        {
            VmLog.StalePid(_logger, pid.Value, cmd.Length > 200 ? cmd[..200] : cmd);
            TryDelete(_options.VmPidFilePath);
            return false;
        }
        var started = new DateTimeOffset(File.GetLastWriteTimeUtc(_options.VmPidFilePath)).ToUnixTimeMilliseconds();
        VmLog.Reattached(_logger, pid.Value);
        SetRunning(pid.Value, started);
        return true;
    }

    private async Task StartLockedAsync(CancellationToken ct)
    {
        VmLog.Starting(_logger, _driver.Name, _options.VmName);
        Update(s => { s.State = VmState.Starting; s.Pid = 0; s.LastError = ""; });
        try
        {
            Directory.CreateDirectory(_options.RuntimeDir);
            TryDelete(_options.VmExitFilePath);
            TryDelete(_options.VmPidFilePath);
            if (File.Exists(_options.AgentSocketPath))
            {
                // A stale port socket makes bhyve's bind fail.
                File.Delete(_options.AgentSocketPath);
                VmLog.RemovedStaleSocket(_logger, _options.AgentSocketPath);
            }
            await _beforeStart(ct).ConfigureAwait(false);
            var argv = await _driver.PrepareAsync(ct).ConfigureAwait(false);
            var script = VmRunScript.WriteTo(_options.RuntimeDir);
            var args = new List<string> { script, _options.VmPidFilePath, _options.VmExitFilePath, _options.ConsoleLogPath };
            args.AddRange(argv);
            await _launcher.LaunchAsync("/bin/sh", args, ct).ConfigureAwait(false);
            var pid = await WaitForPidFileAsync(ct).ConfigureAwait(false);
            SetRunning(pid, _clock.GetUtcNow().ToUnixTimeMilliseconds());
            VmLog.Running(_logger, pid);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            VmLog.StartFailed(_logger, e.Message);
            Update(s => { s.State = VmState.Failed; s.LastError = e.Message; s.Pid = 0; });
            throw;
        }
    }

    private async Task<int> WaitForPidFileAsync(CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            if (ReadPidFile() is { } pid) return pid;
            if (File.Exists(_options.VmExitFilePath)) break;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        var exit = ReadExitFile();
        throw new VmConfigurationException(exit is null
            ? $"the VM did not start within 10 s (no pid in {_options.VmPidFilePath}); see {_options.ConsoleLogPath}"
            : $"the VM exited at once ({_driver.ClassifyExit(exit).Description}); see {_options.ConsoleLogPath}");
    }

    private void SetRunning(int pid, long startedMs)
    {
        _stopRequested = false;
        var exited = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _exited = exited;
        Update(s => { s.State = VmState.Running; s.Pid = pid; s.StartedUnixMs = startedMs; });
        _ = Task.Run(() => MonitorAsync(pid, exited, _lifetime.Token));
    }

    private async Task MonitorAsync(int pid, TaskCompletionSource<int?> exited, CancellationToken ct)
    {
        try
        {
            while (_processes.IsAlive(pid))
                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            int? code = null;
            for (var i = 0; i < 30 && (code = ReadExitFile()) is null; i++)
                await Task.Delay(100, ct).ConfigureAwait(false);
            exited.TrySetResult(code);
            if (_stopRequested) return;
            await HandleUnexpectedExitAsync(code, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    private async Task HandleUnexpectedExitAsync(int? code, CancellationToken ct)
    {
        var exit = _driver.ClassifyExit(code);
        VmLog.Exited(_logger, exit.Description);
        await _ops.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_stopRequested) return;
            await CleanupAsync(ct).ConfigureAwait(false);
            Update(s => { s.LastExit = exit.Description; s.Pid = 0; });
            switch (exit.Kind)
            {
                case VmExitKind.Stopped:
                    Update(s => s.State = VmState.Stopped);
                    return;
                case VmExitKind.Reboot:
                    Update(s => s.Restarts++);
                    await TryRestartLockedAsync(ct).ConfigureAwait(false);
                    return;
            }
            var attempt = Interlocked.Increment(ref _consecutiveCrashes);
            if (attempt > _options.MaxCrashRestarts)
            {
                VmLog.GaveUp(_logger, attempt, exit.Description);
                Update(s => { s.State = VmState.Failed; s.LastError = $"crashed {attempt} times in a row ({exit.Description}); see {_options.ConsoleLogPath}, then: wbhost vm start"; });
                return;
            }
            var delay = Backoff(attempt);
            VmLog.RestartScheduled(_logger, exit.Description, attempt, (long)delay.TotalMilliseconds);
            Update(s => s.State = VmState.Crashed);
            _backoff = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _ = Task.Run(() => RestartAfterBackoffAsync(delay, _backoff.Token));
        }
        finally { _ops.Release(); }
    }

    private async Task RestartAfterBackoffAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _clock, ct).ConfigureAwait(false);
            await _ops.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (Status.State != VmState.Crashed) return;
                Update(s => s.Restarts++);
                await TryRestartLockedAsync(ct).ConfigureAwait(false);
            }
            finally { _ops.Release(); }
        }
        catch (OperationCanceledException) { }
    }

    private async Task TryRestartLockedAsync(CancellationToken ct)
    {
        try { await StartLockedAsync(ct).ConfigureAwait(false); }
        catch (Exception e) when (e is VmConfigurationException or Processes.ToolFailedException or IOException) { }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ms = Math.Min((double)_options.RestartBackoffMaxMs, _options.RestartBackoffMs * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ms);
    }

    private async Task StopLockedAsync(CancellationToken ct)
    {
        CancelBackoff();
        var status = Status;
        if (status.Pid == 0 || _exited is null)
        {
            if (status.State != VmState.Stopped) Update(s => { s.State = VmState.Stopped; s.Pid = 0; });
            return;
        }
        _stopRequested = true;
        Update(s => s.State = VmState.Stopping);
        VmLog.Stopping(_logger, status.Pid);
        _processes.Signal(status.Pid, PosixSignals.SigTerm);
        var exited = _exited.Task;
        if (!await WaitAsync(exited, TimeSpan.FromSeconds(_options.StopTimeoutSeconds), ct).ConfigureAwait(false))
        {
            VmLog.Forcing(_logger, _options.StopTimeoutSeconds);
            await _driver.ForceStopAsync(status.Pid, ct).ConfigureAwait(false);
            if (!await WaitAsync(exited, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false))
            {
                _processes.Signal(status.Pid, PosixSignals.SigKill);
                await WaitAsync(exited, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            }
        }
        var code = exited.IsCompleted ? await exited.ConfigureAwait(false) : null;
        await CleanupAsync(ct).ConfigureAwait(false);
        TryDelete(_options.VmPidFilePath);
        Update(s =>
        {
            s.State = VmState.Stopped;
            s.Pid = 0;
            s.LastExit = code is null ? "stopped" : $"stopped (exit {code.Value.ToString(CultureInfo.InvariantCulture)})";
        });
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        try
        {
            await _driver.CleanupAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Processes.ToolFailedException or IOException)
        {
            VmLog.CleanupFailed(_logger, e.Message);
        }
        TryDelete(_options.AgentSocketPath);
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken ct)
    {
        var done = await Task.WhenAny(task, Task.Delay(timeout, ct)).ConfigureAwait(false);
        return done == task;
    }

    private void CancelBackoff()
    {
        try { _backoff?.Cancel(); } catch (ObjectDisposedException) { }
        _backoff = null;
    }

    private int? ReadPidFile() => ReadInt(_options.VmPidFilePath) is { } p && p > 0 ? p : null;

    private int? ReadExitFile() => ReadInt(_options.VmExitFilePath);

    private static int? ReadInt(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length is > 0 and < 12 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : text == "0" ? 0 : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { }
    }

    private void Update(Action<VmStatus> change)
    {
        VmStatus snapshot;
        lock (_lock)
        {
            change(_status);
            snapshot = _status.Clone();
        }
        _events.Publish(snapshot);
    }
}
