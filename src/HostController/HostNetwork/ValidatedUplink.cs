namespace WifiBridge.HostController.HostNetwork;

/// <summary>The parts of the guest's UplinkStatus the host acts on, after validation. Everything here is a
/// canonical IP literal; what did not validate is listed in <see cref="Rejected"/> (for logs and status).</summary>
public sealed record ValidatedUplink(
    string GuestAddress,
    string HostAddressCidr,
    IReadOnlyList<string> DnsServers,
    IReadOnlyList<string> Rejected);
