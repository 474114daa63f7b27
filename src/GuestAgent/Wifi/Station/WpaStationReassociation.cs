using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>DISCONNECT (wpa_supplicant deauthenticates) then RECONNECT (it scans and associates again with
/// the network it was on). The station's event loop reports both as usual; the uplink lease is kept trying.
/// Under the station lock, so that it cannot interleave with a Connect, Disconnect or Roam; and only while the
/// station is associated: a station the user disconnected (or one not yet associated) has no 4-address
/// association to end, and RECONNECT would join a network again behind the user's back.</summary>
public sealed class WpaStationReassociation(StationControl control, StationLock stationLock) : IStationReassociation
{
    public async Task<string?> ReassociateAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var held = await stationLock.AcquireAsync(cancellationToken).ConfigureAwait(false);
            var status = SupplicantStatus.Parse(await control.RequestAsync("STATUS", cancellationToken).ConfigureAwait(false));
            if (status.State is not (LinkState.Connected or LinkState.Handshake or LinkState.Associating))
                return $"not associated ({status.WpaState}): nothing to re-associate";
            await control.ExpectOkAsync("DISCONNECT", cancellationToken).ConfigureAwait(false);
            await control.ExpectOkAsync("RECONNECT", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (StationException e)
        {
            return e.Message;
        }
    }
}
