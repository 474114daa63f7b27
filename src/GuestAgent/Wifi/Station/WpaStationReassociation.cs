using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>DISCONNECT (wpa_supplicant deauthenticates) then RECONNECT (it scans and associates again with
/// the network it was on). The station's event loop reports both as usual; the uplink lease is kept trying.</summary>
public sealed class WpaStationReassociation(StationControl control) : IStationReassociation
{
    public async Task<string?> ReassociateAsync(CancellationToken cancellationToken)
    {
        try
        {
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
