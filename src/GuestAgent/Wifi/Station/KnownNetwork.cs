using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>A desired network, the security its commands use, and its wpa_supplicant network id.</summary>
public sealed record KnownNetwork(NetworkConfig Config, Security Effective, int Id);
