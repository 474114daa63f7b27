namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Picks the guest-host (eth) subnet in NAT mode so it overlaps neither the upstream Wi-Fi
/// network nor the host's own networks. Prefers, in order: the host's preferred subnet,
/// the subnet in use now (no needless renumbering), then 10.77.0.0/24 .. 10.77.255.0/24,
/// 172.31.77.0/24, 192.168.177.0/24: ranges home and office networks rarely use (the
/// fixed 10.0.0.0/24 of older tools is the classic clash).
/// </summary>
public static class EthSubnetChooser
{
    public static IEnumerable<Ipv4Subnet> Candidates()
    {
        for (uint i = 0; i < 256; i++)
            yield return new Ipv4Subnet(Ipv4Subnet.ToUInt32(System.Net.IPAddress.Parse("10.77.0.0")) + (i << 8), 24);
        yield return Ipv4Subnet.Parse("172.31.77.0/24");
        yield return Ipv4Subnet.Parse("192.168.177.0/24");
    }

    /// <summary>Returns the first acceptable subnet, or null when every candidate overlaps something.</summary>
    public static Ipv4Subnet? Choose(Ipv4Subnet? current, IReadOnlyList<Ipv4Subnet> avoid)
    {
        bool Free(Ipv4Subnet s) => !avoid.Any(a => a.Overlaps(s));
        if (current is { } c && Free(c)) return c;
        foreach (var candidate in Candidates())
            if (Free(candidate)) return candidate;
        return null;
    }
}
