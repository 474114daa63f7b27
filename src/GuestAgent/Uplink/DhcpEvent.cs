using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>One udhcpc event: "bound"/"renew" carry the lease; "deconfig", "leasefail", "nak" do not.</summary>
public sealed record DhcpEvent(string Kind, IpConfig? Lease);
