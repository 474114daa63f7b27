using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Puts a <see cref="DatapathPlan"/> on the system. Everything that can be checked is
/// checked first (`nft -c` of the complete ruleset, `dnsmasq --test`) so a refused plan
/// changes nothing; then sysctls, eth addresses, the nft transaction and the DHCP server.
///
/// MTU and offloads, deliberately: eth gets the uplink's MTU (at most 1500) so the host
/// never sends frames the Wi-Fi link must fragment, and TCP MSS is clamped to the route MTU
/// in the forward chain for the cases where they still differ. Offloads stay at the
/// virtio-net defaults (TSO/GSO/GRO on): forwarded GRO super-packets are re-segmented by the
/// kernel (GSO) on the Wi-Fi side, which costs less CPU per byte than per-packet forwarding.
///
/// Conntrack for a 128 MB guest: nf_conntrack_max 16384 (about 5 MB worst case) and the
/// established-TCP timeout cut from 5 days to 2 h 4 min (RFC 5382's minimum) so dead
/// entries don't fill the table. The hash gets as many buckets as the table has entries
/// (nf_conntrack_buckets 16384, 128 KB): the kernel sizes it from RAM (1024 buckets at 128 MB)
/// with a max of one entry per bucket, so raising only the max would let every packet's lookup
/// walk chains of 32 entries on average (each connection is hashed twice) once the table fills; this
/// keeps the kernel's intended average of 2. Inside a non-initial network namespace (tests) the
/// kernel keeps nf_conntrack_max and nf_conntrack_buckets read-only; that is logged as a warning,
/// not an error.
/// </summary>
public sealed class DatapathInstaller(ICommandRunner runner, UplinkTools tools, AgentOptions options, ILogger logger)
{
    public const int ConntrackMax = 16384;
    public const int ConntrackBuckets = ConntrackMax;
    public const int ConntrackTcpEstablishedTimeout = 7440;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);
    private readonly DhcpServerProcess _dhcp = new(runner, tools, options.RuntimeDirectory, logger);

    public string RulesetPath => Path.Combine(options.RuntimeDirectory, "ruleset.nft");

    public bool DhcpServerRunning => _dhcp.IsRunning;

    /// <summary>Applies <paramref name="plan"/>, replacing <paramref name="previous"/> (null on first use).</summary>
    public async Task InstallAsync(DatapathPlan plan, DatapathPlan? previous, CancellationToken ct)
    {
        Directory.CreateDirectory(options.RuntimeDirectory);
        var nat = plan.ActiveMode != UplinkMode.Bridge;
        var staged = RulesetPath + ".new";
        await StageRulesetAsync(plan, staged, ct).ConfigureAwait(false);
        var dnsmasqConfig = nat ? DnsmasqConfigBuilder.Build(plan, _dhcp.LeasePath, _dhcp.PidPath) : null;
        if (dnsmasqConfig is not null)
        {
            await File.WriteAllTextAsync(_dhcp.ConfigPath + ".new", dnsmasqConfig, ct).ConfigureAwait(false);
            await _dhcp.CheckAsync(_dhcp.ConfigPath + ".new", ct).ConfigureAwait(false);
        }

        // From here on the system changes.
        await SysctlAsync("net.ipv4.ip_forward", "1", required: true, ct).ConfigureAwait(false);
        if (plan.Ipv6 is not null)
            await SysctlAsync("net.ipv6.conf.all.forwarding", "1", required: true, ct).ConfigureAwait(false);
        await SysctlAsync("net.netfilter.nf_conntrack_tcp_timeout_established", ConntrackTcpEstablishedTimeout.ToString(), required: false, ct).ConfigureAwait(false);
        await SysctlAsync("net.netfilter.nf_conntrack_buckets", ConntrackBuckets.ToString(), required: false, ct).ConfigureAwait(false);
        await SysctlAsync("net.netfilter.nf_conntrack_max", ConntrackMax.ToString(), required: false, ct).ConfigureAwait(false);

        var eth = plan.EthInterface;
        await IpAsync(["link", "set", "dev", eth, "mtu", plan.Mtu.ToString(), "up"], ct).ConfigureAwait(false);
        if (nat)
        {
            if (previous is null || previous.ActiveMode == UplinkMode.Bridge || previous.EthSubnet != plan.EthSubnet)
                await IpAsync(["-4", "addr", "flush", "dev", eth], ct).ConfigureAwait(false);
            await IpAsync(["addr", "replace", $"{plan.GuestAddress}/{plan.EthSubnet.PrefixLength}", "dev", eth], ct).ConfigureAwait(false);
            if (previous?.Ipv6 is { } old && old != plan.Ipv6)
                await IpAsync(["-6", "addr", "del", $"{old.Address(1)}/64", "dev", eth], ct, tolerateFailure: true).ConfigureAwait(false);
            if (plan.Ipv6 is { } p6)
                await IpAsync(["-6", "addr", "replace", $"{p6.Address(1)}/64", "dev", eth, "nodad"], ct).ConfigureAwait(false);
        }

        File.Move(staged, RulesetPath, overwrite: true);
        await NftAsync(["-f", RulesetPath], "apply", ct).ConfigureAwait(false);

        if (dnsmasqConfig is not null)
        {
            var changed = !File.Exists(_dhcp.ConfigPath) || await File.ReadAllTextAsync(_dhcp.ConfigPath, ct).ConfigureAwait(false) != dnsmasqConfig;
            File.Move(_dhcp.ConfigPath + ".new", _dhcp.ConfigPath, overwrite: true);
            if (changed || !_dhcp.IsRunning)
                await _dhcp.RestartAsync(ct).ConfigureAwait(false);
        }
        else
            await _dhcp.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Removes our table, the DHCP server and eth's addresses. Tolerates parts already gone.</summary>
    public async Task RemoveAsync(DatapathPlan? current, CancellationToken ct)
    {
        await _dhcp.StopAsync().ConfigureAwait(false);
        var removal = Path.Combine(options.RuntimeDirectory, "ruleset-remove.nft");
        Directory.CreateDirectory(options.RuntimeDirectory);
        await File.WriteAllTextAsync(removal, NftRulesetBuilder.BuildRemoval(), ct).ConfigureAwait(false);
        await NftAsync(["-f", removal], "remove", ct).ConfigureAwait(false);
        if (current is not null)
        {
            await IpAsync(["-4", "addr", "flush", "dev", current.EthInterface], ct, tolerateFailure: true).ConfigureAwait(false);
            if (current.Ipv6 is { } p6)
                await IpAsync(["-6", "addr", "del", $"{p6.Address(1)}/64", "dev", current.EthInterface], ct, tolerateFailure: true).ConfigureAwait(false);
        }
        UplinkLog.DatapathRemoved(logger);
    }

    /// <summary>Writes and checks (`nft -c`, which asks the kernel) the ruleset with the flowtable fast
    /// path; a kernel without nf_flow_table gets the same rules without it (logged once).</summary>
    private async Task StageRulesetAsync(DatapathPlan plan, string staged, CancellationToken ct)
    {
        var ruleset = NftRulesetBuilder.Build(plan, fastPath: _fastPathWorks);
        await File.WriteAllTextAsync(staged, ruleset, ct).ConfigureAwait(false);
        try
        {
            await NftAsync(["-c", "-f", staged], "check", ct).ConfigureAwait(false);
        }
        catch (UplinkConfigurationException e) when (_fastPathWorks && NftRulesetBuilder.Build(plan, fastPath: false) is var plain && plain != ruleset)
        {
            await File.WriteAllTextAsync(staged, plain, ct).ConfigureAwait(false);
            await NftAsync(["-c", "-f", staged], "check", ct).ConfigureAwait(false);
            _fastPathWorks = false;
            UplinkLog.FastPathUnavailable(logger, e.Message);
        }
    }

    private bool _fastPathWorks = true;

    private async Task NftAsync(string[] args, string what, CancellationToken ct)
    {
        CommandResult r;
        try { r = await runner.RunAsync(tools.Nft, args, null, CommandTimeout, ct).ConfigureAwait(false); }
        catch (ToolNotFoundException e)
        {
            throw new UplinkConfigurationException(UplinkErrorKind.FailedPrecondition,
                $"{e.Message}. WifiBridge needs nftables; iptables alone is not supported (no atomic replace of one owner's rules)", e);
        }
        if (!r.Succeeded)
        {
            var hint = r.Diagnostic.Contains("Operation not supported") || r.Diagnostic.Contains("Protocol not supported")
                ? " (the kernel lacks nf_tables/nft_nat/nft_masq: load those modules or use a kernel that has them)" : "";
            throw new UplinkConfigurationException(UplinkErrorKind.Internal, $"nft refused the ruleset ({what}): {r.Diagnostic}{hint}");
        }
    }

    private async Task IpAsync(string[] args, CancellationToken ct, bool tolerateFailure = false)
    {
        var r = await runner.RunAsync(tools.Ip, args, null, CommandTimeout, ct).ConfigureAwait(false);
        if (!r.Succeeded && !tolerateFailure)
            throw new UplinkConfigurationException(UplinkErrorKind.Internal, $"{r.CommandLine} failed: {r.Diagnostic}");
    }

    private async Task SysctlAsync(string key, string value, bool required, CancellationToken ct)
    {
        var r = await runner.RunAsync(tools.Sysctl, ["-w", $"{key}={value}"], null, CommandTimeout, ct).ConfigureAwait(false);
        if (r.Succeeded) return;
        if (required)
            throw new UplinkConfigurationException(UplinkErrorKind.Internal, $"could not set {key}={value}: {r.Diagnostic}");
        UplinkLog.SysctlFailed(logger, key, r.Diagnostic);
    }
}
