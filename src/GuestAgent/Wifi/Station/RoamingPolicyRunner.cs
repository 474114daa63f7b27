using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Automatic roaming: when a SIGNAL_POLL sample is below the threshold (and no automatic roam
/// happened within the minimum interval), scan and roam to the strongest other BSS of the
/// same ESS if it is at least the hysteresis better than the current signal.
/// </summary>
public sealed class RoamingPolicyRunner(
    StationScanner scanner, StationRoamer roamer, StationSnapshot snapshot, Broadcast<SignalSample> samples,
    ILogger<RoamingPolicyRunner> log) : BackgroundService
{
    private RoamingPolicy _policy = Normalize(new RoamingPolicy { Enabled = true });
    private DateTime _lastAttempt = DateTime.MinValue;

    public RoamingPolicy Policy => _policy.Clone();

    /// <summary>Validates and stores the policy; zero fields take the defaults (-70 dBm, 8 dB, 15 s).</summary>
    public RoamingPolicy Set(RoamingPolicy policy)
    {
        var p = Normalize(policy);
        if (p.ThresholdDbm is < -100 or > -20)
            throw new StationException(StationError.InvalidArgument, $"threshold_dbm must be between -100 and -20 dBm, got {p.ThresholdDbm}");
        if (p.HysteresisDb is < 0 or > 40)
            throw new StationException(StationError.InvalidArgument, $"hysteresis_db must be between 0 and 40 dB, got {p.HysteresisDb}");
        if (p.MinIntervalS > 3600)
            throw new StationException(StationError.InvalidArgument, $"min_interval_s must be at most 3600, got {p.MinIntervalS}");
        _policy = p;
        return p.Clone();
    }

    private static RoamingPolicy Normalize(RoamingPolicy p) => new()
    {
        Enabled = p.Enabled,
        ThresholdDbm = p.ThresholdDbm == 0 ? -70 : p.ThresholdDbm,
        HysteresisDb = p.HysteresisDb == 0 ? 8 : p.HysteresisDb,
        MinIntervalS = p.MinIntervalS == 0 ? 15 : p.MinIntervalS,
    };

    private Broadcast<SignalSample>.Subscription? _subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = samples.Subscribe();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _subscription?.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = _subscription ?? throw new InvalidOperationException("StartAsync subscribes first");
        try
        {
            await foreach (var sample in subscription.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await ConsiderAsync(sample, stoppingToken).ConfigureAwait(false); }
                catch (StationException e) { StationLog.PolicyFailed(log, e.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One policy step for one sample (public for tests).</summary>
    public async Task<RoamResponse?> ConsiderAsync(SignalSample sample, CancellationToken ct)
    {
        var p = _policy;
        if (!p.Enabled || sample.RssiDbm == 0 || sample.RssiDbm >= p.ThresholdDbm) return null;
        if (DateTime.UtcNow - _lastAttempt < TimeSpan.FromSeconds(p.MinIntervalS)) return null;
        _lastAttempt = DateTime.UtcNow;
        StationLog.PolicyTriggered(log, sample.RssiDbm, p.ThresholdDbm);
        var scan = await scanner.ScanAsync(new ScanRequest { Rescan = true }, ct).ConfigureAwait(false);
        var ssid = snapshot.Ssid;
        var best = scan.Bss.Where(b => b.Ssid.Span.SequenceEqual(ssid) && b.Bssid != sample.Bssid)
            .OrderByDescending(b => b.SignalDbm).FirstOrDefault();
        if (best is null || best.SignalDbm < sample.RssiDbm + p.HysteresisDb) return null;
        return await roamer.RoamAsync(best.Bssid, automatic: true, ct).ConfigureAwait(false);
    }
}
