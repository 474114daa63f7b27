using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi;

/// <summary>gRPC surface of the Wi-Fi station. Not implemented yet: every RPC answers Unimplemented (issue 4).</summary>
public sealed class GuestWifiService : GuestWifi.GuestWifiBase
{
}
