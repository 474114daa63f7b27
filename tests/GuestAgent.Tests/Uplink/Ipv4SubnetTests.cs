using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Tests.Uplink;

public sealed class Ipv4SubnetTests
{
    [Theory]
    [InlineData("10.77.0.0/24", "10.77.0.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("192.168.1.23/32", "192.168.1.23/32")]
    public void Parses_network_addresses(string text, string expected)
        => Assert.Equal(expected, Ipv4Subnet.Parse(text).ToString());

    [Theory]
    [InlineData("10.77.0.5/24", "did you mean 10.77.0.0/24")]
    [InlineData("10.77.0.0", "not an IPv4 subnet")]
    [InlineData("10.77.0.0/33", "not an IPv4 subnet")]
    [InlineData("10.77.0.0/-1", "not an IPv4 subnet")]
    [InlineData("10.77.0.0/+8", "not an IPv4 subnet")]
    [InlineData("10.77/16", "not an IPv4 subnet")]
    [InlineData("fd00::/64", "not an IPv4 subnet")]
    [InlineData("", "not an IPv4 subnet")]
    [InlineData("10.0.0.0/8\0", "\\x00")]
    public void Refuses_malformed_subnets_with_the_reason(string text, string expected)
    {
        Assert.False(Ipv4Subnet.TryParse(text, requireNetworkAddress: true, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Interface_addresses_are_masked_to_their_network()
        => Assert.Equal("192.168.1.0/24", Ipv4Subnet.Parse("192.168.1.23/24", requireNetworkAddress: false).ToString());

    [Theory]
    [InlineData("10.0.0.0/8", "10.77.0.0/24", true)]
    [InlineData("10.77.0.0/24", "10.0.0.0/8", true)]
    [InlineData("10.77.0.0/24", "10.77.1.0/24", false)]
    [InlineData("192.168.0.0/16", "192.168.177.0/24", true)]
    [InlineData("172.16.0.0/12", "172.31.77.0/24", true)]
    [InlineData("0.0.0.0/0", "1.2.3.0/24", true)]
    public void Overlap_is_symmetric_and_prefix_aware(string a, string b, bool overlaps)
    {
        Assert.Equal(overlaps, Ipv4Subnet.Parse(a).Overlaps(Ipv4Subnet.Parse(b)));
        Assert.Equal(overlaps, Ipv4Subnet.Parse(b).Overlaps(Ipv4Subnet.Parse(a)));
    }

    [Fact]
    public void Hosts_are_counted_from_the_network_address()
    {
        var s = Ipv4Subnet.Parse("10.77.3.0/24");
        Assert.Equal("10.77.3.1", s.Host(1).ToString());
        Assert.Equal("255.255.255.0", s.NetmaskAddress.ToString());
    }
}
