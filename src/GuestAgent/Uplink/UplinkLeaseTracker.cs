using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Runs the DHCP client on the Wi-Fi uplink and tracks its lease. The Wi-Fi station calls
/// <see cref="AcquireAsync"/> after association and <see cref="ReleaseAsync"/> on disconnect;
/// the datapath reacts to <see cref="Changed"/> (subnet clash check, DNS for the host).
/// Contract shared by issues 4 and 5; the implementation belongs to issue 5.
/// </summary>
public sealed class UplinkLeaseTracker
{
    /// <summary>The current lease, or null when none is bound.</summary>
    public IpConfig? Current { get; private set; }

    /// <summary>Raised after every change of <see cref="Current"/> (bound, renewed with changes, lost).</summary>
    public event Action<IpConfig?>? Changed;

    /// <summary>(Re)starts DHCP on <paramref name="wlanInterface"/>; completes when a lease is bound.
    /// Throws <see cref="TimeoutException"/> when none is bound within <paramref name="timeout"/>.</summary>
    public Task<IpConfig> AcquireAsync(string wlanInterface, TimeSpan timeout, CancellationToken cancellationToken)
        => throw new NotImplementedException("uplink DHCP client: issue 5");

    /// <summary>Stops the DHCP client and removes the uplink address.</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken)
        => throw new NotImplementedException("uplink DHCP client: issue 5");

    private void Raise() => Changed?.Invoke(Current);
}
