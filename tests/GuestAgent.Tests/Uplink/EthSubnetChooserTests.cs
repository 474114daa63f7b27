using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Tests.Uplink;

public sealed class EthSubnetChooserTests
{
    private static Ipv4Subnet S(string text) => Ipv4Subnet.Parse(text, requireNetworkAddress: false);

    [Fact]
    public void Picks_the_first_candidate_when_nothing_clashes()
        => Assert.Equal(S("10.77.0.0/24"), EthSubnetChooser.Choose(null, [S("192.168.1.0/24")]));

    [Fact]
    public void Keeps_the_current_subnet_when_it_still_fits()
        => Assert.Equal(S("10.77.5.0/24"), EthSubnetChooser.Choose(S("10.77.5.0/24"), [S("192.168.1.0/24")]));

    [Fact]
    public void Moves_off_a_clashing_upstream_network()
        => Assert.Equal(S("10.77.1.0/24"), EthSubnetChooser.Choose(S("10.77.0.0/24"), [S("10.77.0.23/24")]));

    [Fact]
    public void Leaves_10_77_entirely_when_the_upstream_is_a_wide_10_network()
        => Assert.Equal(S("172.31.77.0/24"), EthSubnetChooser.Choose(null, [S("10.0.0.0/8")]));

    [Fact]
    public void Also_avoids_host_side_networks()
        => Assert.Equal(S("192.168.177.0/24"), EthSubnetChooser.Choose(null, [S("10.0.0.0/8"), S("172.16.0.0/12")]));

    [Fact]
    public void Returns_null_when_everything_clashes()
        => Assert.Null(EthSubnetChooser.Choose(null, [S("0.0.0.0/0")]));

    [Fact]
    public void Never_offers_the_classic_clashing_10_0_0_0_24()
        => Assert.DoesNotContain(EthSubnetChooser.Candidates(), c => c.Overlaps(S("10.0.0.0/24")));
}
