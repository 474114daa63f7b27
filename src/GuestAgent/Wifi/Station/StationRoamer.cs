using System.Diagnostics;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Roam: ROAM to a BSSID of the current ESS (or the strongest other BSS of it), waits for
/// CTRL-EVENT-CONNECTED on the target and measures the interruption.
/// </summary>
public sealed class StationRoamer(StationControl control, StationScanner scanner, StationLock stationLock, ILogger<StationRoamer> log)
{
    private static readonly TimeSpan RoamTimeout = WifiBridge.Protocol.OperationBudgets.GuestRoamAssociation;
    private volatile string? _requestedTarget;

    /// <summary>The BSSID a requested (non-automatic) roam is heading for, if any.</summary>
    public string? RequestedTarget => _requestedTarget;

    public async Task<RoamResponse> RoamAsync(string bssid, bool automatic, CancellationToken ct)
    {
        string? requested = null;
        if (bssid.Length > 0 && !MacAddress.TryNormalize(bssid, out requested))
            throw new StationException(StationError.InvalidArgument, $"'{bssid}' is not a BSSID (expected aa:bb:cc:dd:ee:ff)");
        var current = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
        if (current.State != LinkState.Connected || current.Bssid is null)
            throw new StationException(StationError.NotConnected, $"not connected (state {current.WpaState}): connect first, then roam");
        var ess = SsidCodec.ToDisplay(current.Ssid);
        Bss target;
        if (requested is null)
        {
            var scan = await scanner.RecentAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            target = scan.Bss.Where(b => b.Ssid.Span.SequenceEqual(current.Ssid) && b.Bssid != current.Bssid)
                .OrderByDescending(b => b.SignalDbm).FirstOrDefault()
                ?? throw new StationException(StationError.NotFound, $"no other BSS of '{ess}' in the scan results");
        }
        else
        {
            var parsed = BssParser.Parse(await control.RequestAsync($"BSS {requested} MASK={BssParser.Mask}", ct).ConfigureAwait(false))
                ?? throw new StationException(StationError.NotFound, $"BSS {requested} is not in the scan results: scan, then retry");
            if (!parsed.Bss.Ssid.Span.SequenceEqual(current.Ssid))
                throw new StationException(StationError.NotFound, $"BSS {requested} belongs to '{parsed.Bss.SsidDisplay}', not to the current network '{ess}'");
            target = parsed.Bss;
        }
        if (target.Bssid == current.Bssid)
            return new RoamResponse { FromBssid = current.Bssid, ToBssid = current.Bssid, ToFrequencyMhz = current.FrequencyMhz };

        using var held = await stationLock.AcquireAsync(ct).ConfigureAwait(false);
        using var events = new WpaEventSubscription(control.Control);
        StationLog.Roaming(log, current.Bssid, target.Bssid, automatic);
        if (!automatic) _requestedTarget = target.Bssid;
        try
        {
            var clock = Stopwatch.StartNew();
            var reply = (await control.RequestAsync($"ROAM {target.Bssid}", ct).ConfigureAwait(false)).Trim();
            if (reply != "OK") throw Aborted(target.Bssid, $"wpa_supplicant refused ROAM ({reply})", current.WpaState);
            var deadline = DateTime.UtcNow + RoamTimeout;
            while (true)
            {
                var e = await events.NextAsync(deadline, ct).ConfigureAwait(false);
                if (e is null)
                {
                    var now = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
                    throw Aborted(target.Bssid, $"no connection to {target.Bssid} within {RoamTimeout.TotalSeconds:0} s", $"{now.WpaState} {now.Bssid}");
                }
                if (e.Name == WpaEventSubscription.ConnectionLostName)
                    throw new StationException(StationError.Unavailable, "wpa_supplicant restarted during the roam");
                if (e.Name != "CTRL-EVENT-CONNECTED") continue;
                if (e["bssid"] == target.Bssid)
                    return new RoamResponse
                    {
                        FromBssid = current.Bssid, ToBssid = target.Bssid, ToFrequencyMhz = target.FrequencyMhz,
                        InterruptionMs = (uint)clock.ElapsedMilliseconds,
                    };
                throw Aborted(target.Bssid, $"the station connected to {e["bssid"]} instead", "COMPLETED " + e["bssid"]);
            }
        }
        finally
        {
            _requestedTarget = null;
        }
    }

    private StationException Aborted(string to, string reason, string state)
    {
        StationLog.RoamFailed(log, to, reason);
        return new StationException(StationError.Aborted, $"roam to {to} did not complete: {reason}; link state now: {state}");
    }
}
