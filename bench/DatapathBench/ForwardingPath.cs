namespace WifiBridge.Bench.Datapath;

/// <summary>
/// One way the guest namespace forwards host -> upstream traffic. The paths differ ONLY in the
/// guest's nftables tables (and hence conntrack/NAT) and in the upstream's return route (needed
/// exactly when the host's address is not masqueraded); links, MTUs, offloads, addresses and
/// processes are the same. The two reference paths are not shippable rulesets: they split the
/// agent's cost into "conntrack alone", "conntrack + our masquerade rule" and "our filter chains".
/// </summary>
public sealed record ForwardingPath(string Name, string Label, bool Masquerades, string? ReferenceRuleset)
{
    /// <summary>The table the reference rulesets use (never the agent's).</summary>
    public const string ReferenceTable = "wbbench_reference";

    /// <summary>Baseline: no nftables table at all in the guest namespace, so no conntrack or NAT hooks.</summary>
    public static ForwardingPath Routed { get; } = new("routed", "plain routing, no nftables (base)", Masquerades: false, ReferenceRuleset: null);

    /// <summary>The agent's own ruleset, installed by UplinkDatapath.ConfigureAsync.</summary>
    public static ForwardingPath AgentNat { get; } = new("nat", "agent NAT datapath (its ruleset)", Masquerades: true, ReferenceRuleset: null);

    /// <summary>Reference: conntrack only (one ct state rule, accept policy), no NAT.</summary>
    public static ForwardingPath ConntrackOnly { get; } = new("ct-only", "ref: conntrack only, no NAT", Masquerades: false,
        $"table inet {ReferenceTable} {{\n\tchain forward {{\n\t\ttype filter hook forward priority filter; policy accept;\n\t\tct state established,related accept\n\t}}\n}}\n");

    /// <summary>Reference: the agent's masquerade rule alone (conntrack + NAT), no filter chains.</summary>
    public static ForwardingPath MasqueradeOnly(string ethInterface, string ethSubnetCidr) => new("masq-only", "ref: masquerade rule only", Masquerades: true,
        $"table inet {ReferenceTable} {{\n\tchain postrouting {{\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname != \"{ethInterface}\" ip saddr {ethSubnetCidr} masquerade\n\t}}\n}}\n");
}
