using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>gRPC surface of the datapath. Not implemented yet: every RPC answers Unimplemented (issue 5).</summary>
public sealed class GuestUplinkService : GuestUplink.GuestUplinkBase
{
}
