using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Bridge mode: the Wi-Fi uplink in 4-address (WDS) mode and eth enslaved to one Linux
/// bridge, so the host gets an address on the real LAN (no double NAT, mDNS works). A
/// station interface may only join a bridge in 4-address mode, and that only works when
/// both the driver (`iw dev X set 4addr on` succeeds) and the AP (hostapd `wds_sta=1`)
/// support it. The second is proven by the guest getting a DHCP lease THROUGH the bridge
/// within <see cref="LinkCheckTimeout"/>; otherwise everything is undone and NAT is used,
/// with the reason in <see cref="UplinkStatus.FallbackReason"/>.
/// </summary>
public sealed class BridgeUplink(ICommandRunner runner, UplinkTools tools, UplinkLeaseTracker leases, ILogger logger, IStationReassociation? station = null)
{
    public const string BridgeName = "wbbr0";
    public static readonly TimeSpan LinkCheckTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Returns a bridge plan when bridging works, else <paramref name="natPlan"/> with a fallback reason.</summary>
    public async Task<DatapathPlan> TryEnableAsync(DatapathPlan natPlan, DatapathPlan? previous, CancellationToken ct)
    {
        if (previous is { ActiveMode: UplinkMode.Bridge, UplinkInterface: { } p } && p == natPlan.UplinkInterface)
            return previous with { Mtu = natPlan.Mtu, DnsServers = natPlan.DnsServers };
        if (natPlan.UplinkInterface is not { } uplink)
            return Fallback(natPlan, "no Wi-Fi uplink interface is up yet: bridge mode needs an associated station");

        CommandResult fourAddr;
        try { fourAddr = await runner.RunAsync(tools.Iw, ["dev", uplink, "set", "4addr", "on"], null, CommandTimeout, ct).ConfigureAwait(false); }
        catch (ToolNotFoundException e) { return Fallback(natPlan, e.Message); }
        if (!fourAddr.Succeeded)
            return Fallback(natPlan, $"the Wi-Fi driver refused 4-address mode (iw: {fourAddr.Diagnostic})");

        var bridgePlan = natPlan with { ActiveMode = UplinkMode.Bridge, BridgeInterface = BridgeName, Ipv6 = null, Ipv6DefaultRoute = false };
        try
        {
            await IpAsync(["link", "add", BridgeName, "type", "bridge"], ct, tolerateFailure: true).ConfigureAwait(false);
            await IpAsync(["link", "set", "dev", BridgeName, "mtu", natPlan.Mtu.ToString()], ct).ConfigureAwait(false);
            await IpAsync(["-4", "addr", "flush", "dev", uplink], ct).ConfigureAwait(false);
            await IpAsync(["-4", "addr", "flush", "dev", natPlan.EthInterface], ct).ConfigureAwait(false);
            await IpAsync(["link", "set", "dev", uplink, "master", BridgeName], ct).ConfigureAwait(false);
            await IpAsync(["link", "set", "dev", natPlan.EthInterface, "master", BridgeName], ct).ConfigureAwait(false);
            await IpAsync(["link", "set", "dev", BridgeName, "up"], ct).ConfigureAwait(false);
            var lease = await leases.AcquireAsync(BridgeName, LinkCheckTimeout, ct).ConfigureAwait(false);
            return bridgePlan with { DnsServers = lease.DnsServers.ToList() };
        }
        catch (TimeoutException)
        {
            await DisableAsync(bridgePlan, ct).ConfigureAwait(false);
            return Fallback(natPlan, $"the access point did not pass 4-address frames: no DHCP answer through the bridge within {LinkCheckTimeout.TotalSeconds:0} s (enable wds_sta on the AP, or use NAT)");
        }
        catch (UplinkConfigurationException e)
        {
            await DisableAsync(bridgePlan, ct).ConfigureAwait(false);
            return Fallback(natPlan, e.Message);
        }
    }

    /// <summary>Takes the bridge down, 4-address mode off, re-associates the station (the AP must forget its
    /// 4-address state) and starts DHCP on the uplink itself (bound once the station is associated again).</summary>
    public async Task DisableAsync(DatapathPlan bridgePlan, CancellationToken ct)
    {
        var uplink = bridgePlan.UplinkInterface!;
        await IpAsync(["link", "set", "dev", bridgePlan.EthInterface, "nomaster"], ct, tolerateFailure: true).ConfigureAwait(false);
        await IpAsync(["link", "set", "dev", uplink, "nomaster"], ct, tolerateFailure: true).ConfigureAwait(false);
        await IpAsync(["link", "del", BridgeName], ct, tolerateFailure: true).ConfigureAwait(false);
        try { await runner.RunAsync(tools.Iw, ["dev", uplink, "set", "4addr", "off"], null, CommandTimeout, ct).ConfigureAwait(false); }
        catch (ToolNotFoundException) { }
        // A wds_sta AP keeps the station on its 4-address AP_VLAN for as long as the association lasts,
        // and a 3-address station drops the 4-address frames it goes on sending (seen in the lab: no DHCP
        // answer on wlan0 after 4addr off). Deauthenticating makes the AP remove the VLAN.
        if (station is not null)
            UplinkLog.FourAddressLeft(logger, uplink, await station.ReassociateAsync(ct).ConfigureAwait(false) ?? "reassociating");
        try { await leases.AcquireAsync(uplink, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false); }
        catch (TimeoutException) { /* udhcpc keeps trying; a later lease re-plans the datapath */ }
    }

    private DatapathPlan Fallback(DatapathPlan natPlan, string reason)
    {
        UplinkLog.BridgeFallback(logger, reason);
        return natPlan with { FallbackReason = reason };
    }

    private async Task IpAsync(string[] args, CancellationToken ct, bool tolerateFailure = false)
    {
        var r = await runner.RunAsync(tools.Ip, args, null, CommandTimeout, ct).ConfigureAwait(false);
        if (!r.Succeeded && !tolerateFailure)
            throw new UplinkConfigurationException(UplinkErrorKind.Internal, $"{r.CommandLine} failed: {r.Diagnostic}");
    }
}
