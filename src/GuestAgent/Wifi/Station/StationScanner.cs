using System.Text;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Scan: SCAN (probing any requested hidden SSIDs, hex-encoded), wait for
/// CTRL-EVENT-SCAN-RESULTS, then walk wpa_supplicant's BSS table (BSS FIRST / NEXT-id) for the
/// details. Results are cached so callers can accept recent results without a new scan.
/// </summary>
public sealed class StationScanner(StationControl control, ILogger<StationScanner> log)
{
    public static readonly TimeSpan ScanTimeout = WifiBridge.Protocol.OperationBudgets.GuestScan;
    private const int MaxBssEntries = 512;
    private const int MaxProbeSsids = 16;
    private readonly SemaphoreSlim _scanGate = new(1, 1);
    private ScanResponse? _cache;
    private DateTime _cachedAt;

    public async Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken ct)
    {
        if (request.Ssids.Count > MaxProbeSsids)
            throw new StationException(StationError.InvalidArgument, $"at most {MaxProbeSsids} SSIDs can be probed in one scan");
        foreach (var s in request.Ssids)
            if (s.Length is 0 or > SsidCodec.MaxLength)
                throw new StationException(StationError.InvalidArgument, $"probe SSID must be 1..32 bytes, got {s.Length}");
        _ = control.Interface;
        var maxAge = TimeSpan.FromMilliseconds(request.MaxAgeMs == 0 ? 10_000 : request.MaxAgeMs);
        if (!request.Rescan && request.Ssids.Count == 0 && _cache is { } cached && DateTime.UtcNow - _cachedAt <= maxAge)
            return await RefreshInUseAsync(cached.Clone(), ct).ConfigureAwait(false);

        await _scanGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var events = new WpaEventSubscription(control.Control);
            var command = new StringBuilder("SCAN");
            foreach (var s in request.Ssids) command.Append(" ssid ").Append(SsidCodec.ToHex(s.Span));
            var reply = (await control.RequestAsync(command.ToString(), ct).ConfigureAwait(false)).Trim();
            if (reply != "OK" && reply != "FAIL-BUSY") // FAIL-BUSY: a scan is running; its results will do
                throw new StationException(StationError.Busy, $"wpa_supplicant refused to scan ({reply}): is the radio disabled (rfkill) or the interface down?");
            var deadline = DateTime.UtcNow + ScanTimeout;
            var eventMissed = false;
            while (!eventMissed)
            {
                var e = await events.NextAsync(deadline, ct).ConfigureAwait(false);
                // No completion event (seen in the lab while associated): the BSS table still
                // holds what the scan found, so answer with it unless it is empty.
                if (e is null) eventMissed = true;
                else if (e.Name == "CTRL-EVENT-SCAN-RESULTS") break;
                else if (e.Name == "CTRL-EVENT-SCAN-FAILED")
                    throw new StationException(StationError.Busy, $"the driver refused the scan ({e["ret"] ?? "busy"}); retry in a few seconds");
                else if (e.Name == WpaEventSubscription.ConnectionLostName)
                    throw new StationException(StationError.Unavailable, "wpa_supplicant went away during the scan; retry in a few seconds");
            }
            var response = new ScanResponse { ScannedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            response.Bss.AddRange(await ReadBssTableAsync(ct).ConfigureAwait(false));
            if (eventMissed)
            {
                if (response.Bss.Count == 0)
                    throw new StationException(StationError.Timeout, $"no scan results within {ScanTimeout.TotalSeconds:0} s; the driver may be stuck: try again, or restart the VM");
                StationLog.ScanEventMissed(log, response.Bss.Count);
            }
            _cache = response.Clone();
            _cachedAt = DateTime.UtcNow;
            StationLog.Scanned(log, response.Bss.Count);
            return await RefreshInUseAsync(response, ct).ConfigureAwait(false);
        }
        finally
        {
            _scanGate.Release();
        }
    }

    /// <summary>Cached results if younger than <paramref name="maxAge"/>, else a fresh scan.</summary>
    public Task<ScanResponse> RecentAsync(TimeSpan maxAge, CancellationToken ct)
        => ScanAsync(new ScanRequest { MaxAgeMs = (uint)maxAge.TotalMilliseconds }, ct);

    /// <summary>Every entry of wpa_supplicant's BSS table, strongest first.</summary>
    public async Task<List<Bss>> ReadBssTableAsync(CancellationToken ct)
    {
        var list = new List<Bss>();
        var selector = "FIRST";
        var seen = new HashSet<int>();
        for (var i = 0; i < MaxBssEntries; i++)
        {
            var parsed = BssParser.Parse(await control.RequestAsync($"BSS {selector} MASK={BssParser.Mask}", ct).ConfigureAwait(false));
            if (parsed is null) break;
            list.Add(parsed.Bss);
            if (parsed.Id < 0 || !seen.Add(parsed.Id)) break;
            selector = $"NEXT-{parsed.Id}";
        }
        list.Sort((a, b) => b.SignalDbm.CompareTo(a.SignalDbm));
        return list;
    }

    private async Task<ScanResponse> RefreshInUseAsync(ScanResponse response, CancellationToken ct)
    {
        var st = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
        foreach (var b in response.Bss)
            b.InUse = st.State == LinkState.Connected && b.Bssid == st.Bssid && b.Ssid.Span.SequenceEqual(st.Ssid);
        return response;
    }
}
