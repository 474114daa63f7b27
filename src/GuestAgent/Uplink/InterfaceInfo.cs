namespace WifiBridge.GuestAgent.Uplink;

/// <summary>What the datapath needs to know about a network interface (from `ip -o link show`).</summary>
public sealed record InterfaceInfo(string Name, int Mtu, string MacAddress, bool IsUp);
