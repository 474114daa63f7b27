using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Configuration;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.HostNetwork;

/// <summary>Brings up the host side of the link from config plus the guest's (validated) uplink report:
/// tap, address (DHCP or static), default route, DNS into resolvconf. Keeps what it applied for status.</summary>
public sealed class HostNetworkConfigurator(DaemonOptions options, IHostNetwork platform, ILogger<HostNetworkConfigurator> logger)
{
    private readonly Lock _lock = new();
    private HostNetworkStatus _status = new() { TapInterface = options.Tap };
    private bool _dhcpStarted;

    public HostNetworkStatus Status
    {
        get { lock (_lock) return _status.Clone(); }
    }

    public Task EnsureTapAsync(CancellationToken ct) => platform.EnsureTapAsync(options.Tap, ct);

    /// <summary>Applies the guest's report; returns the values that were rejected (empty when all was valid).</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(UplinkStatus report, CancellationToken ct)
    {
        var v = UplinkReportValidator.Validate(report);
        foreach (var r in v.Rejected) HostNetworkLog.RejectedFromGuest(logger, r);
        var next = new HostNetworkStatus { TapInterface = options.Tap };
        try
        {
            if (options.HostAddress == HostAddressMode.Dhcp)
            {
                if (!_dhcpStarted)
                {
                    await platform.StartDhcpAsync(options.Tap, ct).ConfigureAwait(false);
                    _dhcpStarted = true;
                    HostNetworkLog.DhcpStarted(logger, options.Tap);
                }
                next.AddressCidr = v.HostAddressCidr;
                next.Gateway = v.GuestAddress;
                next.DefaultRoute = options.DefaultRoute;
            }
            else
            {
                var address = options.StaticAddress.Length > 0 ? options.StaticAddress : v.HostAddressCidr;
                var gateway = options.StaticGateway.Length > 0 ? options.StaticGateway : v.GuestAddress;
                if (address.Length > 0)
                {
                    await platform.SetAddressAsync(options.Tap, address, ct).ConfigureAwait(false);
                    next.AddressCidr = address;
                }
                if (options.DefaultRoute && gateway.Length > 0)
                {
                    await platform.SetDefaultRouteAsync(options.Tap, gateway, ct).ConfigureAwait(false);
                    next.DefaultRoute = true;
                }
                next.Gateway = gateway;
            }
            if (options.Dns && v.DnsServers.Count > 0)
            {
                await platform.SetDnsAsync(options.Tap, v.DnsServers, ct).ConfigureAwait(false);
                next.DnsServers.AddRange(v.DnsServers);
            }
        }
        catch (Processes.ToolFailedException e)
        {
            HostNetworkLog.Failed(logger, options.Tap, e.Message);
            throw;
        }
        finally
        {
            lock (_lock) _status = next;
        }
        HostNetworkLog.Applied(logger, options.Tap, next.AddressCidr, next.Gateway, string.Join(' ', next.DnsServers));
        return v.Rejected;
    }

    /// <summary>After an explicit VM stop: the guest's DNS servers leave resolvconf and the tap is destroyed.
    /// Best effort: a failing tool is logged, the rest still runs. (A wbhostd restart keeps both: the VM lives on.)</summary>
    public async Task TearDownAsync(CancellationToken ct)
    {
        try
        {
            if (options.Dns) await platform.ClearDnsAsync(options.Tap, ct).ConfigureAwait(false);
        }
        catch (Processes.ToolFailedException e)
        {
            HostNetworkLog.Failed(logger, options.Tap, e.Message);
        }
        try
        {
            await platform.DestroyTapAsync(options.Tap, ct).ConfigureAwait(false);
        }
        catch (Processes.ToolFailedException e)
        {
            HostNetworkLog.Failed(logger, options.Tap, e.Message);
        }
        _dhcpStarted = false;
        lock (_lock) _status = new HostNetworkStatus { TapInterface = options.Tap };
    }
}
