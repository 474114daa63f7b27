using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// The guest's forwarding between eth (the host) and the Wi-Fi uplink: NAT (default) or a
/// 4-address bridge, DHCP/RA for the host, upstream DNS, IPv6 (NAT66). All changes are
/// serialized; a refused configuration leaves the running datapath untouched. When the
/// uplink lease changes (new network, roam) the datapath is re-planned: a clashing eth
/// subnet is moved and new DNS servers are served, and <see cref="StatusChanged"/> fires
/// (the Wi-Fi event stream forwards it as GuestEvent.uplink_changed).
/// </summary>
public sealed class UplinkDatapath : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _pendingLock = new();
    private readonly AgentOptions _options;
    private readonly UplinkLeaseTracker _leases;
    private readonly ILogger _logger;
    private readonly InterfaceProbe _probe;
    private readonly DatapathInstaller _installer;
    private readonly BridgeUplink _bridge;
    private UplinkConfig? _config;
    private DatapathPlan? _plan;
    private UplinkStatus _status;

    public UplinkDatapath(ICommandRunner runner, UplinkTools tools, AgentOptions options, UplinkLeaseTracker leases, ILogger<UplinkDatapath> logger,
        IStationReassociation? station = null)
    {
        _options = options;
        _leases = leases;
        _logger = logger;
        _probe = new InterfaceProbe(runner, tools);
        _installer = new DatapathInstaller(runner, tools, options, logger);
        _bridge = new BridgeUplink(runner, tools, leases, logger, station);
        _status = new UplinkStatus { EthInterface = options.EthInterface, Ipv6Mode = "off" };
        _leases.Changed += OnLeaseChanged;
    }

    /// <summary>A snapshot of the current state.</summary>
    public UplinkStatus Status => _status.Clone();

    /// <summary>Raised (with a snapshot) after every change of <see cref="Status"/>.</summary>
    public event Action<UplinkStatus>? StatusChanged;

    /// <summary>Completes when the last lease-triggered update has been handled (for tests and shutdown).</summary>
    public Task Idle => _pending;
    private Task _pending = Task.CompletedTask;

    /// <summary>Validates and applies <paramref name="config"/>. Throws <see cref="UplinkConfigurationException"/>
    /// (nothing changed) for a refused configuration.</summary>
    public async Task<UplinkStatus> ConfigureAsync(UplinkConfig config, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var plan = await PlanAsync(config, strict: true, cancellationToken).ConfigureAwait(false);
            if (plan.RequestedMode == UplinkMode.Bridge)
                plan = await _bridge.TryEnableAsync(plan, _plan, cancellationToken).ConfigureAwait(false);
            else if (_plan?.ActiveMode == UplinkMode.Bridge)
                await _bridge.DisableAsync(_plan, cancellationToken).ConfigureAwait(false);
            await _installer.InstallAsync(plan, _plan, cancellationToken).ConfigureAwait(false);
            _config = config.Clone();
            Commit(plan);
            return Status;
        }
        catch (UplinkConfigurationException e)
        {
            UplinkLog.ConfigurationRefused(_logger, e.Message);
            throw;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Removes the datapath (our nft table, the DHCP server, eth addresses).</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_plan?.ActiveMode == UplinkMode.Bridge)
                await _bridge.DisableAsync(_plan, cancellationToken).ConfigureAwait(false);
            await _installer.RemoveAsync(_plan, cancellationToken).ConfigureAwait(false);
            _config = null;
            _plan = null;
            _status = new UplinkStatus { EthInterface = _options.EthInterface, Ipv6Mode = "off" };
            StatusChanged?.Invoke(Status);
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        _leases.Changed -= OnLeaseChanged;
        await _pending.ConfigureAwait(false);
    }

    private void OnLeaseChanged(IpConfig? lease)
    {
        lock (_pendingLock) _pending = _pending.ContinueWith(_ => ReconcileAsync(), TaskScheduler.Default).Unwrap();
    }

    private async Task ReconcileAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_config is null || _plan is null || _plan.ActiveMode == UplinkMode.Bridge) return;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var plan = await PlanAsync(_config, strict: false, limit.Token).ConfigureAwait(false);
            plan = plan with { RequestedMode = _plan.RequestedMode, FallbackReason = _plan.FallbackReason };
            if (SameEffect(plan, _plan)) return;
            if (plan.EthSubnet != _plan.EthSubnet)
                UplinkLog.SubnetMoved(_logger, _leases.Current?.AddressCidr ?? "?", _plan.EthSubnet.ToString(), plan.EthSubnet.ToString());
            await _installer.InstallAsync(plan, _plan, limit.Token).ConfigureAwait(false);
            Commit(plan);
        }
        catch (Exception e) when (e is UplinkConfigurationException or TimeoutException or IOException or OperationCanceledException)
        {
            UplinkLog.ReconcileFailed(_logger, e.Message);
        }
        finally { _gate.Release(); }
    }

    private async Task<DatapathPlan> PlanAsync(UplinkConfig config, bool strict, CancellationToken ct)
    {
        var eth = await _probe.GetAsync(_options.EthInterface, ct).ConfigureAwait(false);
        var uplinkName = _leases.Interface ?? _options.WlanInterface;
        var uplink = uplinkName is null || uplinkName == BridgeUplink.BridgeName ? null : await _probe.GetAsync(uplinkName, ct).ConfigureAwait(false);
        if (uplinkName == BridgeUplink.BridgeName && _plan?.UplinkInterface is { } port)
            uplink = await _probe.GetAsync(port, ct).ConfigureAwait(false);
        return DatapathPlanner.Plan(config, _options.EthInterface, eth, uplink, _leases.Current, _plan?.EthSubnet, strict);
    }

    private static bool SameEffect(DatapathPlan a, DatapathPlan b)
        => a.EthSubnet == b.EthSubnet && a.Mtu == b.Mtu && a.Ipv6 == b.Ipv6 && a.Ipv6DefaultRoute == b.Ipv6DefaultRoute
           && a.Domain == b.Domain && a.DnsServers.SequenceEqual(b.DnsServers) && a.ActiveMode == b.ActiveMode
           && a.UplinkInterface == b.UplinkInterface;

    private void Commit(DatapathPlan plan)
    {
        _plan = plan;
        _status = plan.ToStatus(forwardingActive: true);
        UplinkLog.DatapathApplied(_logger, plan.ActiveMode.ToString(), _status.EthSubnetCidr, plan.Mtu, _status.Ipv6Mode);
        StatusChanged?.Invoke(Status);
    }
}
