using System.Threading.Channels;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Turns wpa_supplicant's events into guest API events (state changes from STATUS, roams with
/// before/after BSS, disconnect reasons with their 802.11 text, scan completions, restarts,
/// lease changes), in one serialized loop, and keeps <see cref="StationSnapshot"/> current.
/// </summary>
public sealed class StationEventTranslator(
    StationControl control, StationRoamer roamer, StationSnapshot snapshot, UplinkLeaseTracker lease,
    Broadcast<GuestEvent> events, ILogger<StationEventTranslator> log) : BackgroundService
{
    private static readonly TimeSpan ReconnectCountsAsRoam = TimeSpan.FromSeconds(30);
    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private string? _previousBssid;
    private uint _previousFrequency;
    private byte[] _previousSsid = [];
    private DateTime _lostAt;

    private sealed record Item(WpaEvent? Event, bool? Restarted, string? RequestedRoamTarget, IpConfig? Lease, bool LeaseEvent);

    private void OnEvent(WpaEvent e) => _queue.Writer.TryWrite(new Item(e, null, roamer.RequestedTarget, null, false));
    private void OnConnected(bool restarted) => _queue.Writer.TryWrite(new Item(null, restarted, null, null, false));
    private void OnLease(IpConfig? l) => _queue.Writer.TryWrite(new Item(null, null, null, l, true));

    /// <summary>Subscribes before the loop starts (ExecuteAsync runs in the background), so no event is missed.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        control.Control.EventReceived += OnEvent;
        control.Control.Connected += OnConnected;
        lease.Changed += OnLease;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        control.Control.EventReceived -= OnEvent;
        control.Control.Connected -= OnConnected;
        lease.Changed -= OnLease;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await HandleAsync(item, stoppingToken).ConfigureAwait(false); }
                catch (StationException e) { StationLog.RefreshSkipped(log, e.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task HandleAsync(Item item, CancellationToken ct)
    {
        if (item.LeaseEvent)
        {
            Publish(new GuestEvent { LeaseChanged = new LeaseChanged { Lease = item.Lease?.Clone() ?? new IpConfig() } });
            return;
        }
        if (item.Restarted is { } restarted)
        {
            if (restarted) Publish(new GuestEvent { SupplicantRestarted = new SupplicantRestarted() });
            var attached = await RefreshAsync(ct).ConfigureAwait(false);
            // Adopted a wpa_supplicant that is already connected (this agent was restarted): the
            // uplink's DHCP client went with the old agent, so take the lease again.
            if (!restarted && attached.State == LinkState.Connected && lease.Current is null)
                AcquireLeaseInBackground(attached.Ssid);
            return;
        }
        var e = item.Event!;
        switch (e.Name)
        {
            case "CTRL-EVENT-CONNECTED":
                var wasConnected = snapshot.Bssid is not null;
                var status = await RefreshAsync(ct).ConfigureAwait(false);
                var to = e["bssid"] ?? status.Bssid;
                var sameEss = _previousSsid.AsSpan().SequenceEqual(status.Ssid);
                var recent = wasConnected || DateTime.UtcNow - _lostAt < ReconnectCountsAsRoam;
                if (_previousBssid is not null && to is not null && to != _previousBssid && sameEss && recent)
                    Publish(new GuestEvent
                    {
                        Roamed = new Roamed
                        {
                            FromBssid = _previousBssid, ToBssid = to, FromFrequencyMhz = _previousFrequency,
                            ToFrequencyMhz = status.FrequencyMhz, Automatic = item.RequestedRoamTarget != to,
                        },
                    });
                if (!snapshot.ConnectInProgress && (snapshot.LeaseSsid is not { } leased || !leased.AsSpan().SequenceEqual(status.Ssid)))
                    AcquireLeaseInBackground(status.Ssid);
                _previousBssid = to;
                _previousFrequency = status.FrequencyMhz;
                _previousSsid = status.Ssid;
                break;
            case "CTRL-EVENT-DISCONNECTED":
                var code = int.TryParse(e["reason"], out var r) ? r : 0;
                var local = e["locally_generated"] == "1";
                var bssid = MacAddress.TryNormalize(e["bssid"], out var b) ? b : "";
                StationLog.Disconnected(log, bssid, Ieee80211Reasons.ReasonText(code), code, local);
                Publish(new GuestEvent
                {
                    Disconnected = new Disconnected { Bssid = bssid, ReasonCode = code, Reason = Ieee80211Reasons.ReasonText(code), LocallyGenerated = local },
                });
                _lostAt = DateTime.UtcNow;
                await RefreshAsync(ct).ConfigureAwait(false);
                break;
            case "CTRL-EVENT-SCAN-RESULTS":
                var count = ScanResultsParser.Parse(await control.RequestAsync("SCAN_RESULTS", ct).ConfigureAwait(false)).Count;
                Publish(new GuestEvent { ScanCompleted = new ScanCompleted { BssCount = (uint)count } });
                await RefreshAsync(ct).ConfigureAwait(false);
                break;
            case "CTRL-EVENT-SCAN-STARTED" or "Trying" or "Associated" or "SME:" or "WPA:" or "CTRL-EVENT-SSID-TEMP-DISABLED"
                or "CTRL-EVENT-ASSOC-REJECT" or "CTRL-EVENT-AUTH-REJECT" or "CTRL-EVENT-NETWORK-NOT-FOUND" or "CTRL-EVENT-STATE-CHANGE":
                await RefreshAsync(ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task<SupplicantStatus> RefreshAsync(CancellationToken ct)
    {
        var st = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
        var old = snapshot.State;
        var connectedish = st.State is LinkState.Connected;
        snapshot.Bssid = connectedish ? st.Bssid : null;
        snapshot.Ssid = connectedish ? st.Ssid : [];
        snapshot.FrequencyMhz = connectedish ? st.FrequencyMhz : 0;
        snapshot.State = st.State;
        if (old != st.State)
        {
            StationLog.StateChanged(log, old.ToString(), st.State.ToString(), st.Bssid ?? "-");
            var showSsid = st.State is LinkState.Associating or LinkState.Handshake or LinkState.Connected;
            Publish(new GuestEvent
            {
                StateChanged = new StateChanged
                {
                    OldState = old, NewState = st.State,
                    Ssid = Google.Protobuf.ByteString.CopyFrom(showSsid ? st.Ssid : []),
                    SsidDisplay = showSsid ? SsidCodec.ToDisplay(st.Ssid) : "",
                    Bssid = showSsid ? st.Bssid ?? "" : "",
                },
            });
        }
        return st;
    }

    /// <summary>wpa_supplicant joined a network on its own (autoconnect, after a restart): the uplink needs a lease for it.</summary>
    private void AcquireLeaseInBackground(byte[] ssid)
    {
        if (control.HasInterface is false) return;
        var iface = control.Interface;
        snapshot.LeaseSsid = ssid;
        StationLog.AcquiringAfterAutoconnect(log, SsidCodec.ToDisplay(ssid));
        _ = Task.Run(async () =>
        {
            try { await lease.AcquireAsync(iface, TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) { StationLog.LeaseStepFailed(log, e.Message); }
        });
    }

    private void Publish(GuestEvent e)
    {
        e.UnixTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        events.Publish(e);
    }
}
