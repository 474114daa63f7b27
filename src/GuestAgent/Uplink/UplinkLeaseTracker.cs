using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Runs the DHCP client on the Wi-Fi uplink and tracks its lease. The Wi-Fi station calls
/// <see cref="AcquireAsync"/> after association and <see cref="ReleaseAsync"/> on disconnect;
/// the datapath reacts to <see cref="Changed"/> (subnet clash check, DNS for the host).
/// Contract shared by issues 4 and 5; the implementation belongs to issue 5.
///
/// busybox udhcpc runs in the foreground as our child with a generated script hook
/// (<see cref="DhcpLeaseFile"/>) that only writes the event to a file in the runtime
/// directory; the agent validates it and configures the address and default route itself
/// through the command runner. IPv6 on the uplink comes from router advertisements
/// (accept_ra=2, needed because forwarding is on); its global addresses are reported in
/// <see cref="IpConfig.Ipv6AddressesCidr"/>.
/// </summary>
public sealed class UplinkLeaseTracker(ICommandRunner runner, UplinkTools tools, AgentOptions options, ILogger<UplinkLeaseTracker> logger)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Ipv6RefreshInterval = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InterfaceProbe _probe = new(runner, tools);
    private IRunningCommand? _client;
    private CancellationTokenSource? _watch;
    private Task? _watchTask;
    private TaskCompletionSource<IpConfig> _bound = NewBound();

    /// <summary>The current lease, or null when none is bound.</summary>
    public IpConfig? Current { get; private set; }

    /// <summary>The interface DHCP runs on (set by <see cref="AcquireAsync"/>), or null.</summary>
    public string? Interface { get; private set; }

    /// <summary>Raised after every change of <see cref="Current"/> (bound, renewed with changes, lost).</summary>
    public event Action<IpConfig?>? Changed;

    private string LeaseFilePath => Path.Combine(options.RuntimeDirectory, "uplink-lease");
    private string ScriptPath => Path.Combine(options.RuntimeDirectory, "udhcpc.script");
    private string PidPath => Path.Combine(options.RuntimeDirectory, "udhcpc.pid");

    /// <summary>(Re)starts DHCP on <paramref name="wlanInterface"/>; completes when a lease is bound.
    /// Throws <see cref="TimeoutException"/> when none is bound within <paramref name="timeout"/>
    /// (udhcpc keeps trying in the background: a later lease still raises <see cref="Changed"/>;
    /// call <see cref="ReleaseAsync"/> to stop it).</summary>
    public async Task<IpConfig> AcquireAsync(string wlanInterface, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!UntrustedText.IsInterfaceName(wlanInterface))
            throw new ArgumentException($"'{UntrustedText.Printable(wlanInterface)}' is not a valid interface name", nameof(wlanInterface));
        Task<IpConfig> bound;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopClientAsync().ConfigureAwait(false);
            if (LeftoverProcess.End(PidPath, "udhcpc", ScriptPath) is { } leftover)
                UplinkLog.KilledLeftover(logger, "udhcpc", leftover);
            Directory.CreateDirectory(options.RuntimeDirectory);
            File.WriteAllText(ScriptPath, DhcpLeaseFile.Script(LeaseFilePath));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Delete(LeaseFilePath);
            Interface = wlanInterface;
            _bound = NewBound();
            bound = _bound.Task;
            await WriteSysctlAsync($"net.ipv6.conf.{wlanInterface}.accept_ra", "2", cancellationToken).ConfigureAwait(false);
            _client = runner.Start(tools.Udhcpc,
                ["-f", "-i", wlanInterface, "-s", ScriptPath, "-p", PidPath, "-t", "4", "-T", "2", "-A", "5"],
                line => UplinkLog.DhcpClientOutput(logger, line));
            UplinkLog.DhcpClientStarted(logger, wlanInterface, _client.ProcessId);
            _watch = new CancellationTokenSource();
            _watchTask = WatchAsync(wlanInterface, _client, _watch.Token);
        }
        finally { _gate.Release(); }

        var done = await Task.WhenAny(bound, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (done != bound)
            throw new TimeoutException($"no DHCP lease on {wlanInterface} within {timeout.TotalSeconds:0.#} s: the network's DHCP server did not answer (still trying in the background)");
        return await bound.ConfigureAwait(false);
    }

    /// <summary>Stops the DHCP client and removes the uplink address.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopClientAsync().ConfigureAwait(false);
            if (Interface is { } iface)
                await RunIpAsync(["-4", "addr", "flush", "dev", iface], cancellationToken).ConfigureAwait(false);
            _bound.TrySetCanceled(cancellationToken);
            SetCurrent(null);
        }
        finally { _gate.Release(); }
    }

    private async Task StopClientAsync()
    {
        if (_watch is { } w)
        {
            await w.CancelAsync().ConfigureAwait(false);
            try { await _watchTask!.ConfigureAwait(false); } catch (OperationCanceledException) { }
            w.Dispose();
            _watch = null;
        }
        if (_client is { } c)
        {
            _client = null;
            await c.StopAsync().ConfigureAwait(false);
            c.Dispose();
        }
    }

    private async Task WatchAsync(string iface, IRunningCommand client, CancellationToken ct)
    {
        string? last = null;
        var nextV6 = DateTime.UtcNow + Ipv6RefreshInterval;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
                if (client.Exited.IsCompleted)
                {
                    UplinkLog.DhcpClientExited(logger, iface, client.Exited.Result);
                    SetCurrent(null);
                    return;
                }
                var text = File.Exists(LeaseFilePath) ? await File.ReadAllTextAsync(LeaseFilePath, ct).ConfigureAwait(false) : null;
                if (text is not null && text != last)
                {
                    last = text;
                    await HandleAsync(iface, text, ct).ConfigureAwait(false);
                }
                else if (Current is { } lease && DateTime.UtcNow > nextV6)
                {
                    nextV6 = DateTime.UtcNow + Ipv6RefreshInterval;
                    var refreshed = lease.Clone();
                    refreshed.Ipv6AddressesCidr.Clear();
                    refreshed.Ipv6AddressesCidr.AddRange(await _probe.GlobalIpv6AddressesAsync(iface, ct).ConfigureAwait(false));
                    SetCurrent(refreshed);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is IOException or TimeoutException or UplinkConfigurationException)
            {
                UplinkLog.LeaseHandlingFailed(logger, iface, e.Message);
            }
        }
    }

    private async Task HandleAsync(string iface, string text, CancellationToken ct)
    {
        var ev = DhcpLeaseFile.Parse(text, out var error);
        if (ev is null)
        {
            UplinkLog.LeaseRejected(logger, iface, error);
            return;
        }
        UplinkLog.DhcpEventSeen(logger, iface, ev.Kind);
        if (ev.Lease is not { } lease)
        {
            if (ev.Kind == "deconfig" && Current is not null)
            {
                await RunIpAsync(["-4", "addr", "flush", "dev", iface], ct).ConfigureAwait(false);
                SetCurrent(null);
            }
            return;
        }
        if (Current?.AddressCidr != lease.AddressCidr)
            await RunIpAsync(["-4", "addr", "flush", "dev", iface], ct).ConfigureAwait(false);
        await RunIpAsync(["addr", "replace", lease.AddressCidr, "dev", iface], ct).ConfigureAwait(false);
        if (lease.Gateway.Length > 0)
            await RunIpAsync(["route", "replace", "default", "via", lease.Gateway, "dev", iface], ct).ConfigureAwait(false);
        lease.Ipv6AddressesCidr.AddRange(await _probe.GlobalIpv6AddressesAsync(iface, ct).ConfigureAwait(false));
        SetCurrent(lease);
        UplinkLog.LeaseBound(logger, iface, lease.AddressCidr, lease.Gateway, string.Join(' ', lease.DnsServers));
        _bound.TrySetResult(lease);
    }

    private void SetCurrent(IpConfig? lease)
    {
        if (Equals(Current, lease)) return;
        Current = lease;
        Raise();
    }

    private async Task RunIpAsync(string[] args, CancellationToken ct)
    {
        var r = await runner.RunAsync(tools.Ip, args, null, CommandTimeout, ct).ConfigureAwait(false);
        if (!r.Succeeded)
            throw new UplinkConfigurationException(UplinkErrorKind.Internal, $"{r.CommandLine} failed: {r.Diagnostic}");
    }

    private async Task WriteSysctlAsync(string key, string value, CancellationToken ct)
    {
        var r = await runner.RunAsync(tools.Sysctl, ["-w", $"{key}={value}"], null, CommandTimeout, ct).ConfigureAwait(false);
        if (!r.Succeeded) UplinkLog.SysctlFailed(logger, key, r.Diagnostic);
    }

    private static TaskCompletionSource<IpConfig> NewBound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Raise() => Changed?.Invoke(Current);
}
