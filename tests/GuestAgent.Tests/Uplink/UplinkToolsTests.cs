using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Tests.Uplink;

public sealed class UplinkToolsTests
{
    [Fact]
    public void Alpine_layout_keeps_the_defaults()
    {
        var all = new HashSet<string> { "/usr/sbin/nft", "/sbin/ip", "/sbin/sysctl", "/usr/sbin/dnsmasq", "/sbin/udhcpc", "/usr/sbin/iw" };
        Assert.Equal(new UplinkTools(), UplinkTools.Locate(all.Contains));
    }

    [Fact]
    public void Debian_layout_is_found_by_name()
    {
        var debian = new HashSet<string> { "/usr/sbin/nft", "/usr/sbin/ip", "/usr/sbin/sysctl", "/usr/sbin/dnsmasq", "/sbin/udhcpc", "/sbin/iw" };
        var tools = UplinkTools.Locate(debian.Contains);
        Assert.Equal("/usr/sbin/ip", tools.Ip);
        Assert.Equal("/usr/sbin/sysctl", tools.Sysctl);
        Assert.Equal("/sbin/iw", tools.Iw);
    }

    [Fact]
    public void A_missing_tool_keeps_its_expected_path()
        => Assert.Equal("/usr/sbin/nft", UplinkTools.Locate(_ => false).Nft);
}
