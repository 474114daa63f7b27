using System.Globalization;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// The desired set of networks (from the host through ApplyNetworks, plus networks joined with
/// Connect) and their wpa_supplicant network ids. Applies differences only, so a connected
/// link whose network is unchanged is not disturbed, and re-applies everything after
/// wpa_supplicant restarts (it keeps nothing: the guest is stateless).
/// <para>
/// Stays on the network it is on: while the station is on (or heading for) a saved network, the
/// other saved networks are disabled in wpa_supplicant (the <em>hold</em>), so an access point
/// that goes away or a failed roam leads wpa_supplicant to another BSS of the same network, not
/// to whichever other saved network its next scan shows first. When the held network stays
/// missing, <see cref="SavedNetworkFallback"/> calls <see cref="FallBackAsync"/>, which enables
/// the others again so that the station joins the best of them.
/// </para>
/// </summary>
public sealed class KnownNetworks
{
    private readonly StationControl _control;
    private readonly StationLock _lock;
    private readonly ILogger<KnownNetworks> _log;
    private readonly KnownNetworkLedger? _ledger;
    private Dictionary<string, KnownNetwork> _bySsid = new(StringComparer.Ordinal);
    private string? _lastJoinedKey;
    private int? _boostedId;
    private KnownNetwork? _held;
    private long _holdGeneration;
    private Dictionary<string, KnownNetworkLedger.Entry>? _inherited;

    public KnownNetworks(StationControl control, StationLock stationLock, ILogger<KnownNetworks> log, KnownNetworkLedger? ledger = null)
    {
        _control = control;
        _lock = stationLock;
        _log = log;
        _ledger = ledger;
        if (ledger?.Load() is { Entries.Count: > 0 } saved)
        {
            // A predecessor's record: used once, by the first ApplyNetworks, to keep unchanged networks.
            _inherited = saved.Entries.ToDictionary(e => e.SsidHex, StringComparer.Ordinal);
            _lastJoinedKey = saved.LastJoined;
        }
        control.Control.Connected += restarted => { if (restarted) _ = Task.Run(ReapplyAfterRestartAsync); };
    }

    /// <summary>Set by Disconnect: stay disconnected until Connect or ApplyNetworks with autoconnect.</summary>
    public bool HeldDisconnected { get; set; }

    public IReadOnlyCollection<KnownNetwork> Current => _bySsid.Values.ToList();

    /// <summary>Changes whenever a hold starts; null while no hold is in place (all autoconnect networks enabled).</summary>
    public long? HoldGeneration => Volatile.Read(ref _held) is null ? null : Interlocked.Read(ref _holdGeneration);

    /// <summary>The security the commands use: the declared one, or (unspecified) PSK+SAE with a passphrase and open without.</summary>
    public static Security Effective(NetworkConfig network) => network.Security switch
    {
        Security.Unspecified when network.Passphrase.Length == 0 => Security.Open,
        Security.Unspecified when NetworkValidation.IsRawPsk(network.Passphrase) => Security.Wpa2Psk,
        Security.Unspecified => Security.Wpa2Wpa3,
        var s => s,
    };

    /// <summary>Makes the desired set current. With <paramref name="autoconnect"/>, networks marked
    /// autoconnect are enabled; <paramref name="preferredSsid"/> (the host's last joined network) is
    /// selected first when the station is not connected, the others staying enabled as fallbacks.</summary>
    public async Task<ApplyNetworksResponse> ApplyAsync(IReadOnlyList<NetworkConfig> desired, bool autoconnect, CancellationToken ct,
        ReadOnlyMemory<byte> preferredSsid = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in desired)
        {
            NetworkValidation.Validate(n);
            if (!seen.Add(SsidCodec.ToHex(n.Ssid.Span)))
                throw new StationException(StationError.InvalidArgument, $"network '{SsidCodec.ToDisplay(n.Ssid.Span)}' is listed twice");
        }
        using var held = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        var configured = await ListIdsAsync(ct).ConfigureAwait(false);
        var next = new Dictionary<string, KnownNetwork>(StringComparer.Ordinal);
        var keep = new HashSet<int>();
        uint added = 0, removed = 0, unchanged = 0;
        foreach (var n in desired)
        {
            var key = SsidCodec.ToHex(n.Ssid.Span);
            if (_bySsid.TryGetValue(key, out var existing) && existing.Config.Equals(n) && configured.Contains(existing.Id))
            {
                next[key] = existing;
                keep.Add(existing.Id);
                unchanged++;
            }
            else if (_inherited?.GetValueOrDefault(key) is { } saved && configured.Contains(saved.Id) && saved.ConfigHash == KnownNetworkLedger.HashOf(n))
            {
                next[key] = new KnownNetwork(n, Effective(n), saved.Id);
                keep.Add(saved.Id);
                unchanged++;
            }
        }
        _inherited = null;
        foreach (var id in configured.Where(id => !keep.Contains(id)))
        {
            await _control.ExpectOkAsync($"REMOVE_NETWORK {id}", ct).ConfigureAwait(false);
            removed++;
        }
        foreach (var n in desired)
        {
            var key = SsidCodec.ToHex(n.Ssid.Span);
            if (next.ContainsKey(key)) continue;
            var id = await AddAsync(n, Effective(n), ct).ConfigureAwait(false);
            next[key] = new KnownNetwork(n, Effective(n), id);
            added++;
        }
        _bySsid = next;
        if (autoconnect)
        {
            HeldDisconnected = false;
            var preferredKey = preferredSsid.Length > 0 ? SsidCodec.ToHex(preferredSsid.Span) : null;
            var status = await StatusAsync(ct).ConfigureAwait(false);
            var connected = status.State == LinkState.Connected;
            if (connected && next.Values.FirstOrDefault(k => k.Id == status.NetworkId) is { Config.Autoconnect: true } current)
                await HoldAsync(current, ct).ConfigureAwait(false); // on a saved network: stay there
            else if (preferredKey is not null && next.TryGetValue(preferredKey, out var preferred) && preferred.Config.Autoconnect && !connected)
            {
                await SelectFirstAsync(preferred, ct).ConfigureAwait(false);
                _lastJoinedKey = preferredKey;
            }
            else
            {
                await EnableOthersAsync(-1, "", ct).ConfigureAwait(false);
                await _control.ExpectOkAsync("RECONNECT", ct).ConfigureAwait(false);
            }
        }
        else
            Volatile.Write(ref _held, null); // no autoconnect: nothing is enabled later either
        SaveLedger();
        StationLog.NetworksApplied(_log, added, removed, unchanged, autoconnect);
        return new ApplyNetworksResponse { Added = added, Removed = removed, Unchanged = unchanged };
    }

    /// <summary>
    /// Makes <paramref name="network"/> configured for a Connect (caller holds the station lock).
    /// Returns what is needed to commit or roll back.
    /// </summary>
    public async Task<PendingNetwork> PrepareForConnectAsync(NetworkConfig network, Security effective, CancellationToken ct)
    {
        var key = SsidCodec.ToHex(network.Ssid.Span);
        _bySsid.TryGetValue(key, out var previous);
        var configured = await ListIdsAsync(ct).ConfigureAwait(false);
        if (previous is not null && previous.Config.Equals(network) && configured.Contains(previous.Id))
            return new PendingNetwork(key, previous, previous, IsNew: false);
        if (previous is not null && configured.Contains(previous.Id))
            await _control.ExpectOkAsync($"REMOVE_NETWORK {previous.Id}", ct).ConfigureAwait(false);
        var id = await AddAsync(network, effective, ct).ConfigureAwait(false);
        return new PendingNetwork(key, new KnownNetwork(network, effective, id), previous, IsNew: true);
    }

    /// <summary>After a successful Connect: keep the network, and hold to it (the other autoconnect networks
    /// become fallbacks for when it is lost for good).</summary>
    public async Task CommitAsync(PendingNetwork pending, CancellationToken ct)
    {
        _bySsid[pending.Key] = pending.Network;
        _lastJoinedKey = pending.Key;
        SaveLedger();
        await PreferAsync(pending.Network, ct).ConfigureAwait(false);
        await HoldAsync(pending.Network, ct).ConfigureAwait(false);
    }

    /// <summary>After a failed Connect: remove the attempted network, restore the previous one, re-enable the others.</summary>
    public async Task RollbackAsync(PendingNetwork pending, CancellationToken ct)
    {
        if (pending.IsNew)
        {
            await _control.ExpectOkAsync($"REMOVE_NETWORK {pending.Network.Id}", ct).ConfigureAwait(false);
            if (pending.Previous is { } previous)
            {
                var id = await AddAsync(previous.Config, previous.Effective, ct).ConfigureAwait(false);
                _bySsid[pending.Key] = previous with { Id = id };
            }
            SaveLedger();
        }
        if (!HeldDisconnected) await EnableOthersAsync(pending.IsNew ? -1 : pending.Network.Id, "", ct).ConfigureAwait(false);
    }

    /// <summary>Enables the autoconnect networks other than <paramref name="exceptId"/>; this ends any hold.</summary>
    private async Task EnableOthersAsync(int exceptId, string suffix, CancellationToken ct)
    {
        Volatile.Write(ref _held, null);
        foreach (var k in _bySsid.Values.Where(k => k.Config.Autoconnect && k.Id != exceptId))
            await _control.ExpectOkAsync($"ENABLE_NETWORK {k.Id}{(suffix.Length > 0 ? " " + suffix : "")}", ct).ConfigureAwait(false);
    }

    /// <summary>Disables every other autoconnect network, so wpa_supplicant looks for <paramref name="network"/> only.</summary>
    private async Task HoldAsync(KnownNetwork network, CancellationToken ct)
    {
        if (_held?.Id != network.Id) Interlocked.Increment(ref _holdGeneration);
        Volatile.Write(ref _held, network);
        var others = _bySsid.Values.Where(k => k.Config.Autoconnect && k.Id != network.Id).ToList();
        foreach (var k in others)
            await _control.ExpectOkAsync($"DISABLE_NETWORK {k.Id}", ct).ConfigureAwait(false);
        StationLog.HoldStarted(_log, SsidCodec.ToDisplay(network.Config.Ssid.Span), others.Count);
    }

    /// <summary>
    /// The station joined a network (wpa_supplicant's CTRL-EVENT-CONNECTED): hold to it, unless a hold on
    /// it is already in place, the user disconnected, or it is not a saved autoconnect network.
    /// </summary>
    public async Task HoldToCurrentAsync(CancellationToken ct)
    {
        using var held = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        if (HeldDisconnected) return;
        var status = await StatusAsync(ct).ConfigureAwait(false);
        if (status.State != LinkState.Connected) return;
        if (_bySsid.Values.FirstOrDefault(k => k.Id == status.NetworkId) is not { Config.Autoconnect: true } current) return;
        if (_held?.Id == current.Id) return;
        await HoldAsync(current, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The held network stayed missing (<paramref name="why"/>): enables the other autoconnect networks
    /// so wpa_supplicant joins the best of them. False when nothing was to do (no hold, connected again,
    /// or disconnected by the user).
    /// </summary>
    public async Task<bool> FallBackAsync(long generation, string why, CancellationToken ct)
    {
        using var held = await _lock.AcquireAsync(ct).ConfigureAwait(false);
        if (HeldDisconnected || _held is not { } network || Interlocked.Read(ref _holdGeneration) != generation) return false;
        if ((await StatusAsync(ct).ConfigureAwait(false)).State == LinkState.Connected) return false;
        var others = _bySsid.Values.Count(k => k.Config.Autoconnect && k.Id != network.Id);
        StationLog.FallingBack(_log, SsidCodec.ToDisplay(network.Config.Ssid.Span), why, others);
        await EnableOthersAsync(network.Id, "", ct).ConfigureAwait(false);
        return true;
    }

    private async Task<int> AddAsync(NetworkConfig network, Security effective, CancellationToken ct)
    {
        var reply = (await _control.RequestAsync("ADD_NETWORK", ct).ConfigureAwait(false)).Trim();
        if (!int.TryParse(reply, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new StationException(StationError.Aborted, $"wpa_supplicant refused ADD_NETWORK: {reply}");
        try
        {
            foreach (var (field, value) in WpaNetworkCommands.For(network, effective))
                await _control.ExpectOkAsync($"SET_NETWORK {id} {field} {value}", ct).ConfigureAwait(false);
        }
        catch
        {
            try { await _control.RequestAsync($"REMOVE_NETWORK {id}", ct).ConfigureAwait(false); } catch (StationException) { }
            throw;
        }
        return id;
    }

    /// <summary>
    /// Gives the network the user joined last the highest priority in wpa_supplicant (one above
    /// every saved network's), and the previously preferred one its own back: when an access point
    /// of the joined network goes away the station moves to another BSS of the same network, not
    /// to whichever other saved network wpa_supplicant would rank first. The host's stored
    /// priorities are unchanged.
    /// </summary>
    private async Task PreferAsync(KnownNetwork joined, CancellationToken ct)
    {
        if (_boostedId is { } old && old != joined.Id && _bySsid.Values.FirstOrDefault(k => k.Id == old) is { } previous)
            await _control.ExpectOkAsync($"SET_NETWORK {old} priority {WpaNetworkCommands.Priority(previous.Config)}", ct).ConfigureAwait(false);
        var top = _bySsid.Values.Select(k => WpaNetworkCommands.Priority(k.Config)).DefaultIfEmpty(0).Max() + 1;
        await _control.ExpectOkAsync($"SET_NETWORK {joined.Id} priority {top.ToString(CultureInfo.InvariantCulture)}", ct).ConfigureAwait(false);
        _boostedId = joined.Id;
    }

    /// <summary>Connects to <paramref name="network"/> first (preferred, selected, held); the other autoconnect
    /// networks become fallbacks, enabled by <see cref="FallBackAsync"/> if it is not found.</summary>
    private async Task SelectFirstAsync(KnownNetwork network, CancellationToken ct)
    {
        await PreferAsync(network, ct).ConfigureAwait(false);
        await _control.ExpectOkAsync($"SELECT_NETWORK {network.Id}", ct).ConfigureAwait(false);
        await HoldAsync(network, ct).ConfigureAwait(false);
    }

    private async Task<SupplicantStatus> StatusAsync(CancellationToken ct)
        => SupplicantStatus.Parse(await _control.RequestAsync("STATUS", ct).ConfigureAwait(false));

    private void SaveLedger()
    {
        try
        {
            _ledger?.Save(_bySsid.Select(p => new KnownNetworkLedger.Entry(p.Key, p.Value.Id, KnownNetworkLedger.HashOf(p.Value.Config))), _lastJoinedKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            StationLog.LedgerNotSaved(_log, e.Message);
        }
    }

    private async Task<HashSet<int>> ListIdsAsync(CancellationToken ct)
    {
        var reply = await _control.RequestAsync("LIST_NETWORKS", ct).ConfigureAwait(false);
        var ids = new HashSet<int>();
        foreach (var line in reply.Split('\n').Skip(1))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0 && int.TryParse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
        }
        return ids;
    }

    private async Task ReapplyAfterRestartAsync()
    {
        try
        {
            using var held = await _lock.AcquireAsync(CancellationToken.None).ConfigureAwait(false);
            _inherited = null;
            if (_bySsid.Count == 0) return;
            await _control.ExpectOkAsync("REMOVE_NETWORK all", CancellationToken.None).ConfigureAwait(false);
            var next = new Dictionary<string, KnownNetwork>(StringComparer.Ordinal);
            foreach (var (key, k) in _bySsid)
            {
                var id = await AddAsync(k.Config, k.Effective, CancellationToken.None).ConfigureAwait(false);
                next[key] = k with { Id = id };
            }
            _bySsid = next;
            Volatile.Write(ref _held, null); // the old ids are gone
            SaveLedger();
            if (HeldDisconnected)
                await _control.ExpectOkAsync("DISCONNECT", CancellationToken.None).ConfigureAwait(false);
            else if (_lastJoinedKey is { } last && next.TryGetValue(last, out var joined))
            {
                // Back to the network the user joined last (not whichever saved network wpa_supplicant
                // would prefer); the others stay enabled as fallbacks without triggering a connect.
                _boostedId = null; // a fresh wpa_supplicant has the configured priorities only
                await SelectFirstAsync(joined, CancellationToken.None).ConfigureAwait(false);
            }
            else
                await EnableOthersAsync(-1, "", CancellationToken.None).ConfigureAwait(false);
            StationLog.Reapplied(_log, next.Count);
        }
        catch (StationException e)
        {
            StationLog.ReapplyFailed(_log, e.Message);
        }
    }
}
