using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>The last known association (kept current by <see cref="StationEventTranslator"/> from events and STATUS).</summary>
public sealed class StationSnapshot
{
    public volatile LinkState State = LinkState.Unspecified;
    public volatile string? Bssid;
    public volatile byte[] Ssid = [];
    public uint FrequencyMhz;

    /// <summary>True while a Connect owns the association (and its DHCP step).</summary>
    public volatile bool ConnectInProgress;

    /// <summary>The SSID the current uplink lease was acquired on (null: none acquired yet).</summary>
    public volatile byte[]? LeaseSsid;
}
