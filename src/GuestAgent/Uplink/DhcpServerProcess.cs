namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// The dnsmasq child that serves DHCP (and RA) to the host on eth. Runs in the foreground
/// as our child; its pid file lets a restarted agent end a dnsmasq left behind by a crash
/// (which would otherwise hold port 67).
/// </summary>
public sealed class DhcpServerProcess(ICommandRunner runner, UplinkTools tools, string runtimeDirectory, ILogger logger)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private IRunningCommand? _process;

    public string ConfigPath => Path.Combine(runtimeDirectory, "dnsmasq.conf");
    public string LeasePath => Path.Combine(runtimeDirectory, "dnsmasq.leases");
    public string PidPath => Path.Combine(runtimeDirectory, "dnsmasq.pid");

    public bool IsRunning => _process is { Exited.IsCompleted: false };

    /// <summary>Checks a generated configuration with `dnsmasq --test` without touching anything.</summary>
    public async Task CheckAsync(string configPath, CancellationToken cancellationToken)
    {
        var r = await runner.RunAsync(tools.Dnsmasq, ["--test", $"--conf-file={configPath}"], null, StartTimeout, cancellationToken).ConfigureAwait(false);
        if (!r.Succeeded)
            throw new UplinkConfigurationException(UplinkErrorKind.Internal, $"dnsmasq refused the generated configuration: {r.Diagnostic}");
    }

    /// <summary>(Re)starts dnsmasq with the configuration at <see cref="ConfigPath"/>; returns once it serves.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync().ConfigureAwait(false);
        KillLeftover();
        File.Delete(PidPath);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = runner.Start(tools.Dnsmasq, ["--keep-in-foreground", "--log-facility=-", $"--conf-file={ConfigPath}"], line =>
        {
            output.Enqueue(line);
            if (output.Count > 20) output.TryDequeue(out _);
            UplinkLog.DnsmasqOutput(logger, line);
        });
        // dnsmasq writes its pid file once its sockets are bound: that is "serving".
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(PidPath) || new FileInfo(PidPath).Length == 0)
        {
            if (_process.Exited.IsCompleted)
                throw new UplinkConfigurationException(UplinkErrorKind.Internal,
                    $"dnsmasq exited at start with code {_process.Exited.Result}: {string.Join(" | ", output)}");
            if (DateTime.UtcNow > deadline)
                throw new UplinkConfigurationException(UplinkErrorKind.Internal, "dnsmasq did not start serving within 10 s");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        UplinkLog.DhcpServerStarted(logger, _process.ProcessId);
    }

    public async Task StopAsync()
    {
        if (_process is { } p)
        {
            _process = null;
            await p.StopAsync().ConfigureAwait(false);
            p.Dispose();
        }
    }

    private void KillLeftover()
    {
        if (LeftoverProcess.End(PidPath, "dnsmasq", ConfigPath) is { } pid)
            UplinkLog.KilledLeftover(logger, "dnsmasq", pid);
    }
}
