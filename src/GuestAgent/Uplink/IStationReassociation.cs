namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Makes the Wi-Fi station associate again (the boundary: wpa_supplicant, which owns the
/// connection; cfg80211 refuses `iw dev X disconnect` from anyone else with EPERM). Bridge mode
/// needs it when it ends: an AP with `wds_sta=1` keeps the station on its 4-address AP_VLAN for
/// the whole association, and a station with 4addr off drops the 4-address frames it then sends.
/// </summary>
public interface IStationReassociation
{
    /// <summary>Deauthenticates and lets the station connect again; returns null, or why it could not.</summary>
    Task<string?> ReassociateAsync(CancellationToken cancellationToken);
}
