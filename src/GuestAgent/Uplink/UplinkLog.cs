namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Log messages of the datapath (event ids 5000-5099). No secrets pass through here.</summary>
internal static partial class UplinkLog
{
    [LoggerMessage(5001, LogLevel.Information, "DHCP server for the host started (dnsmasq pid {Pid})")]
    public static partial void DhcpServerStarted(ILogger logger, int pid);

    [LoggerMessage(5002, LogLevel.Debug, "dnsmasq: {Line}")]
    public static partial void DnsmasqOutput(ILogger logger, string line);

    [LoggerMessage(5003, LogLevel.Warning, "Ended {Tool} pid {Pid} left behind by a previous agent")]
    public static partial void KilledLeftover(ILogger logger, string tool, int pid);

    [LoggerMessage(5004, LogLevel.Debug, "udhcpc: {Line}")]
    public static partial void DhcpClientOutput(ILogger logger, string line);

    [LoggerMessage(5005, LogLevel.Information, "DHCP client started on {Interface} (udhcpc pid {Pid})")]
    public static partial void DhcpClientStarted(ILogger logger, string @interface, int pid);

    [LoggerMessage(5006, LogLevel.Warning, "DHCP client on {Interface} exited with code {ExitCode}; the uplink has no lease until the next connect")]
    public static partial void DhcpClientExited(ILogger logger, string @interface, int exitCode);

    [LoggerMessage(5007, LogLevel.Warning, "Could not apply the DHCP event on {Interface}: {Message}")]
    public static partial void LeaseHandlingFailed(ILogger logger, string @interface, string message);

    [LoggerMessage(5008, LogLevel.Warning, "Ignored a malformed DHCP event on {Interface}: {Error}")]
    public static partial void LeaseRejected(ILogger logger, string @interface, string error);

    [LoggerMessage(5009, LogLevel.Debug, "DHCP event {Kind} on {Interface}")]
    public static partial void DhcpEventSeen(ILogger logger, string @interface, string kind);

    [LoggerMessage(5010, LogLevel.Information, "Uplink lease on {Interface}: {Address} via {Gateway}, DNS {Dns}")]
    public static partial void LeaseBound(ILogger logger, string @interface, string address, string gateway, string dns);

    [LoggerMessage(5011, LogLevel.Warning, "sysctl {Key} could not be set: {Words}")]
    public static partial void SysctlFailed(ILogger logger, string key, string words);

    [LoggerMessage(5012, LogLevel.Information, "Datapath applied: {Mode}, eth subnet {Subnet}, MTU {Mtu}, IPv6 {Ipv6Mode}")]
    public static partial void DatapathApplied(ILogger logger, string mode, string subnet, int mtu, string ipv6Mode);

    [LoggerMessage(5013, LogLevel.Warning, "The Wi-Fi network {Upstream} overlaps the host link {Old}: moved the host link to {New}")]
    public static partial void SubnetMoved(ILogger logger, string upstream, string old, string @new);

    [LoggerMessage(5014, LogLevel.Error, "Could not update the datapath after an uplink change: {Message}")]
    public static partial void ReconcileFailed(ILogger logger, string message);

    [LoggerMessage(5015, LogLevel.Warning, "Refused datapath configuration: {Message}")]
    public static partial void ConfigurationRefused(ILogger logger, string message);

    [LoggerMessage(5016, LogLevel.Warning, "Bridge mode not available, using NAT: {Reason}")]
    public static partial void BridgeFallback(ILogger logger, string reason);

    [LoggerMessage(5017, LogLevel.Information, "Datapath removed")]
    public static partial void DatapathRemoved(ILogger logger);

    [LoggerMessage(5019, LogLevel.Information, "Bridge off: re-associating {Interface} so the access point drops its 4-address VLAN for the station ({Outcome})")]
    public static partial void FourAddressLeft(ILogger logger, string @interface, string outcome);

    [LoggerMessage(5018, LogLevel.Warning, "The kernel refused the nftables flowtable fast path, forwarding without it (load nf_flow_table_inet for full NAT speed): {Reason}")]
    public static partial void FastPathUnavailable(ILogger logger, string reason);
}
