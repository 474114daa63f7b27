using System.Net;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// A fully validated datapath, computed before anything on the system is touched.
/// NAT: <see cref="EthSubnet"/> with the guest at .1 and the host at .2. Bridge: the
/// uplink and eth are enslaved to <see cref="BridgeInterface"/>.
/// </summary>
public sealed record DatapathPlan
{
    public required UplinkMode RequestedMode { get; init; }
    public required UplinkMode ActiveMode { get; init; }
    public string FallbackReason { get; init; } = "";
    public required string EthInterface { get; init; }
    public string? UplinkInterface { get; init; }
    public string? BridgeInterface { get; init; }
    public required Ipv4Subnet EthSubnet { get; init; }
    public IPAddress GuestAddress => EthSubnet.Host(1);
    public IPAddress HostAddress => EthSubnet.Host(2);
    public required IReadOnlyList<string> DnsServers { get; init; }
    public string? Domain { get; init; }
    /// <summary>NAT66: ULA prefix on eth (RA from dnsmasq, SLAAC on the host), masqueraded to the uplink.</summary>
    public Ipv6Prefix? Ipv6 { get; init; }
    /// <summary>Advertise the guest as IPv6 default router only when the uplink has global IPv6.</summary>
    public bool Ipv6DefaultRoute { get; init; }
    public required int Mtu { get; init; }

    public string Ipv6Mode => Ipv6 is null ? "off" : "nat66";

    public UplinkStatus ToStatus(bool forwardingActive)
    {
        var s = new UplinkStatus
        {
            RequestedMode = RequestedMode,
            ActiveMode = ActiveMode,
            FallbackReason = FallbackReason,
            EthInterface = EthInterface,
            Ipv6Mode = ActiveMode == UplinkMode.Bridge ? "bridge" : Ipv6Mode,
            Mtu = (uint)Mtu,
            ForwardingActive = forwardingActive,
        };
        if (ActiveMode != UplinkMode.Bridge)
        {
            s.EthSubnetCidr = EthSubnet.ToString();
            s.GuestAddress = GuestAddress.ToString();
            s.HostAddress = HostAddress.ToString();
            s.HostIpv6Prefix = Ipv6?.ToString() ?? "";
        }
        s.DnsServers.AddRange(DnsServers);
        return s;
    }
}
