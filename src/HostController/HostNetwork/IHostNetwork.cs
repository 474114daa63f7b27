namespace WifiBridge.HostController.HostNetwork;

/// <summary>The host side of the data link, per OS (boundary: ifconfig/route/dhclient/resolvconf on FreeBSD,
/// ip/udhcpc on Linux). Every address given here has already been validated by <see cref="IpLiteral"/>.</summary>
public interface IHostNetwork
{
    Task EnsureTapAsync(string tap, CancellationToken ct);
    Task DestroyTapAsync(string tap, CancellationToken ct);
    Task StartDhcpAsync(string tap, CancellationToken ct);
    Task SetAddressAsync(string tap, string cidr, CancellationToken ct);
    Task SetDefaultRouteAsync(string tap, string gateway, CancellationToken ct);
    Task SetDnsAsync(string tap, IReadOnlyList<string> servers, CancellationToken ct);
    Task ClearDnsAsync(string tap, CancellationToken ct);
}
