using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>Disconnect: DISCONNECT (wpa_supplicant then stays idle), release the uplink lease, report the status.</summary>
public sealed class StationDisconnector(
    StationControl control, KnownNetworks networks, StationStatusReader statusReader, UplinkLeaseTracker lease,
    StationLock stationLock, StationSnapshot snapshot, ILogger<StationDisconnector> log)
{
    public async Task<LinkStatus> DisconnectAsync(CancellationToken ct)
    {
        using (await stationLock.AcquireAsync(ct).ConfigureAwait(false))
        {
            await control.ExpectOkAsync("DISCONNECT", ct).ConfigureAwait(false);
            networks.HeldDisconnected = true;
            StationLog.DisconnectRequested(log);
        }
        try { await lease.ReleaseAsync(ct).ConfigureAwait(false); }
        catch (Exception e) when (e is not OperationCanceledException) { StationLog.LeaseStepFailed(log, e.Message); }
        snapshot.LeaseSsid = null;
        return await statusReader.ReadAsync(ct).ConfigureAwait(false);
    }
}
