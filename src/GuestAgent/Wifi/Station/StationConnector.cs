using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Connect: resolves the security (from the request or the scan results), configures the
/// network (hex SSID, derived PSK / hex SAE password), SELECT_NETWORK, follows wpa_supplicant's
/// events reporting progress stages, classifies the outcome, then acquires the uplink lease.
/// A failed attempt is rolled back (the attempted network removed, the previous one restored).
/// </summary>
public sealed class StationConnector(
    StationControl control, KnownNetworks networks, StationScanner scanner, StationStatusReader statusReader,
    UplinkLeaseTracker lease, StationLock stationLock, StationSnapshot snapshot, ILogger<StationConnector> log)
{
    public async Task ConnectAsync(ConnectRequest request, Func<ConnectProgress, Task> report, CancellationToken ct)
    {
        var network = new NetworkConfig
        {
            Ssid = request.Ssid, Security = request.Security, Passphrase = request.Passphrase,
            Hidden = request.Hidden, Bssid = request.Bssid.ToLowerInvariant(), Autoconnect = true,
        };
        NetworkValidation.Validate(network);
        _ = control.Interface;
        var display = SsidCodec.ToDisplay(request.Ssid.Span);
        var timeout = TimeSpan.FromMilliseconds(request.TimeoutMs == 0 ? 30_000 : Math.Clamp(request.TimeoutMs, 5_000, 300_000));
        var deadline = DateTime.UtcNow + timeout;

        var effective = network.Security;
        if (effective == Security.Unspecified)
        {
            await report(new ConnectProgress { Stage = "scanning", Message = $"looking up the security of '{display}'" }).ConfigureAwait(false);
            effective = await ResolveSecurityAsync(network, display, ct).ConfigureAwait(false);
        }
        if (effective == Security.WpaPsk) effective = Security.Wpa2Psk; // same configuration: WPA-PSK key management
        StationLog.Connecting(log, display, effective.ToString());

        using var held = await stationLock.AcquireAsync(ct).ConfigureAwait(false);
        snapshot.ConnectInProgress = true;
        try
        {
            await ConnectLockedAsync(network, effective, display, held, report, deadline, timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            snapshot.ConnectInProgress = false;
        }
    }

    private async Task ConnectLockedAsync(NetworkConfig network, Security effective, string display, IDisposable held,
        Func<ConnectProgress, Task> report, DateTime deadline, TimeSpan timeout, CancellationToken ct)
    {
        var pending = await networks.PrepareForConnectAsync(network, effective, ct).ConfigureAwait(false);
        networks.HeldDisconnected = false;
        ConnectResult result;
        using (var events = new WpaEventSubscription(control.Control))
        {
            var attempt = new ConnectAttempt(pending.Network.Id, effective, network.Bssid);
            var before = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
            if (!pending.IsNew && attempt.Satisfied(before))
                result = new ConnectResult { Outcome = ConnectOutcome.Connected, Detail = "already connected" };
            else
            {
                await control.ExpectOkAsync($"SELECT_NETWORK {pending.Network.Id}", ct).ConfigureAwait(false);
                result = await FollowAsync(attempt, events, report, deadline, timeout, ct).ConfigureAwait(false);
            }
        }

        if (result.Outcome != ConnectOutcome.Connected)
        {
            await networks.RollbackAsync(pending, ct).ConfigureAwait(false);
            await FinishAsync(result, display, report, ct).ConfigureAwait(false);
            return;
        }
        await networks.CommitAsync(pending, ct).ConfigureAwait(false);
        held.Dispose();
        await AcquireLeaseAsync(result, network.Ssid.ToByteArray(), report, ct).ConfigureAwait(false);
        await FinishAsync(result, display, report, ct).ConfigureAwait(false);
    }

    private async Task<Security> ResolveSecurityAsync(NetworkConfig network, string display, CancellationToken ct)
    {
        var scan = await scanner.ScanAsync(new ScanRequest
        {
            Rescan = network.Hidden,
            MaxAgeMs = 30_000,
            Ssids = { network.Hidden ? [network.Ssid] : [] },
        }, ct).ConfigureAwait(false);
        var match = scan.Bss.FirstOrDefault(b => b.Ssid.Equals(network.Ssid) && (network.Bssid.Length == 0 || b.Bssid == network.Bssid));
        if (match is null) return KnownNetworks.Effective(network); // not seen: let wpa_supplicant search (PSK+SAE or open)
        var security = match.Security;
        var hasPass = network.Passphrase.Length > 0;
        switch (security)
        {
            case Security.Open when hasPass:
                throw new StationException(StationError.InvalidArgument, $"'{display}' is an open network: connect without a passphrase");
            case Security.Wpa2Psk or Security.WpaPsk or Security.Wpa2Wpa3 or Security.Wpa3Sae when !hasPass:
                throw new StationException(StationError.InvalidArgument, $"'{display}' uses {security}: a passphrase is required");
            case Security.Wpa3Sae when NetworkValidation.IsRawPsk(network.Passphrase):
                throw new StationException(StationError.InvalidArgument, $"'{display}' is WPA3-SAE only: give the passphrase, not a 64-hex-digit PSK");
            case Security.Wpa2Wpa3 when NetworkValidation.IsRawPsk(network.Passphrase):
                return Security.Wpa2Psk;
            case Security.Enterprise or Security.Wep or Security.Owe or Security.Unspecified:
                throw new StationException(StationError.InvalidArgument, $"'{display}' uses {security}, which the agent cannot join in this version");
            default:
                return security;
        }
    }

    private async Task<ConnectResult> FollowAsync(ConnectAttempt attempt, WpaEventSubscription events,
        Func<ConnectProgress, Task> report, DateTime deadline, TimeSpan timeout, CancellationToken ct)
    {
        string? stage = null;
        async Task Stage(string name, string message)
        {
            if (stage == name) return;
            stage = name;
            await report(new ConnectProgress { Stage = name, Message = message }).ConfigureAwait(false);
        }
        await Stage("scanning", "searching for the network").ConfigureAwait(false);
        while (true)
        {
            var e = await events.NextAsync(deadline, ct).ConfigureAwait(false);
            if (e is null) return attempt.OnTimeout(timeout);
            if (e.Name == WpaEventSubscription.ConnectionLostName)
                throw new StationException(StationError.Unavailable, "wpa_supplicant restarted during the connection attempt; retry");
            switch (e.Name)
            {
                case "CTRL-EVENT-SCAN-STARTED": await Stage("scanning", "scanning").ConfigureAwait(false); break;
                case "Trying" or "SME:": await Stage("associating", $"associating with {e["bssid"] ?? "the access point"}").ConfigureAwait(false); break;
                case "Associated" when attempt.Security != Security.Open:
                    await Stage("handshake", "authenticating (key handshake)").ConfigureAwait(false); break;
                case "Associated":
                    await Stage("associating", $"associated with {e["bssid"] ?? "the access point"}").ConfigureAwait(false); break;
            }
            if (attempt.Observe(e) is { } verdict) return verdict;
            if (e.Name == "CTRL-EVENT-CONNECTED")
            {
                var st = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
                if (attempt.Satisfied(st))
                    return new ConnectResult { Outcome = ConnectOutcome.Connected, Detail = $"connected to {st.Bssid} on {st.FrequencyMhz} MHz" };
            }
        }
    }

    private async Task AcquireLeaseAsync(ConnectResult result, byte[] connectedSsid, Func<ConnectProgress, Task> report, CancellationToken ct)
    {
        await report(new ConnectProgress { Stage = "dhcp", Message = "requesting an address on the Wi-Fi uplink" }).ConfigureAwait(false);
        var dhcpTimeout = TimeSpan.FromSeconds(20);
        try
        {
            var bound = await lease.AcquireAsync(control.Interface, dhcpTimeout, ct).ConfigureAwait(false);
            snapshot.LeaseSsid = connectedSsid;
            await report(new ConnectProgress { Stage = "dhcp", Message = $"address {bound.AddressCidr}, gateway {bound.Gateway}" }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            result.Outcome = ConnectOutcome.NoLease;
            result.Detail = $"associated, but no DHCP lease within {dhcpTimeout.TotalSeconds:0} s: check the access point's DHCP server";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.Outcome = ConnectOutcome.NoLease;
            result.Detail = $"associated, but DHCP failed: {e.Message}";
        }
    }

    private async Task FinishAsync(ConnectResult result, string display, Func<ConnectProgress, Task> report, CancellationToken ct)
    {
        try { result.Status = await statusReader.ReadAsync(ct).ConfigureAwait(false); }
        catch (StationException) { result.Status = new LinkStatus { State = LinkState.Unspecified }; }
        StationLog.ConnectOutcome(log, display, result.Outcome.ToString(), result.Detail);
        await report(new ConnectProgress { Stage = "done", Message = result.Detail, Result = result }).ConfigureAwait(false);
    }
}
