using System.Threading.Channels;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Watches the hold of <see cref="KnownNetworks"/>: when the station joins a saved network it holds
/// to it; when the held network stays missing for <see cref="FallbackPolicy.Scans"/> completed scans
/// (or <see cref="FallbackPolicy.MaxWait"/>) while the station is not connected, it lets
/// wpa_supplicant fall back to the other saved networks. Counting scans, not seconds, keeps the
/// wait meaningful on slow radios: each is a full look for the network's other access points.
/// </summary>
public sealed class SavedNetworkFallback(
    StationControl control, KnownNetworks networks, FallbackPolicy policy, TimeProvider clock, ILogger<SavedNetworkFallback> log) : BackgroundService
{
    private readonly Channel<WpaEvent?> _queue = Channel.CreateBounded<WpaEvent?>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private ITimer? _ticker;
    private long _generation = -1;
    private DateTimeOffset? _downSince;
    private int _scansWhileDown;

    private static bool Relevant(string name) => name is "CTRL-EVENT-CONNECTED" or "CTRL-EVENT-DISCONNECTED" or "CTRL-EVENT-SCAN-RESULTS"
        or "CTRL-EVENT-ASSOC-REJECT" or "CTRL-EVENT-AUTH-REJECT" or "CTRL-EVENT-NETWORK-NOT-FOUND" or "CTRL-EVENT-SSID-TEMP-DISABLED";

    private void OnEvent(WpaEvent e)
    {
        if (Relevant(e.Name)) _queue.Writer.TryWrite(e);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        control.Control.EventReceived += OnEvent;
        _ticker = clock.CreateTimer(_ => _queue.Writer.TryWrite(null), null, policy.Tick, policy.Tick);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        control.Control.EventReceived -= OnEvent;
        if (_ticker is not null) await _ticker.DisposeAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await StepAsync(e, stoppingToken).ConfigureAwait(false); }
                catch (StationException ex) { StationLog.FallbackStepFailed(log, ex.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One event (null: a clock tick). Public for tests.</summary>
    public async Task StepAsync(WpaEvent? e, CancellationToken ct)
    {
        if (e?.Name == "CTRL-EVENT-CONNECTED")
        {
            _downSince = null;
            _scansWhileDown = 0;
            await networks.HoldToCurrentAsync(ct).ConfigureAwait(false);
            return;
        }
        if (networks.HoldGeneration is not { } generation)
        {
            _generation = -1;
            return;
        }
        if (generation != _generation)
        {
            _generation = generation;
            _downSince = null;
            _scansWhileDown = 0;
        }
        var now = clock.GetUtcNow();
        switch (e?.Name)
        {
            case "CTRL-EVENT-SCAN-RESULTS":
                if (_downSince is null && !await IsDownAsync(ct).ConfigureAwait(false)) return;
                _downSince ??= now;
                _scansWhileDown++;
                break;
            case null:
                if (_downSince is null) return;
                break;
            default: // lost, rejected, not found: the station is looking for the held network
                _downSince ??= now;
                break;
        }
        string why;
        if (_scansWhileDown >= policy.Scans) why = $"missing from {_scansWhileDown} scans";
        else if (now - _downSince >= policy.MaxWait) why = $"not connected for {(now - _downSince.Value).TotalSeconds:0} s";
        else return;
        if (await networks.FallBackAsync(generation, why, ct).ConfigureAwait(false))
            _generation = -1;
        else
        {
            _downSince = null; // connected again, or the hold changed meanwhile
            _scansWhileDown = 0;
        }
    }

    private async Task<bool> IsDownAsync(CancellationToken ct)
        => SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false)).State != LinkState.Connected;
}
