using WifiBridge.HostController.HostNetwork;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.HostNetwork;

/// <summary>The guest is untrusted: nothing but canonical IP literals may reach resolvconf, ifconfig or route.</summary>
public sealed class UplinkReportValidatorTests
{
    [Theory]
    [InlineData("8.8.8.8\nnameserver 6.6.6.6")]
    [InlineData("1.1.1.1 ; reboot")]
    [InlineData("evil.example.com")]
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]
    [InlineData("256.1.1.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    [InlineData("1.2.3.4\0")]
    public void HostileDnsServersAreRejected(string server)
    {
        var v = UplinkReportValidator.Validate(new UplinkStatus { DnsServers = { server, "9.9.9.9" } });
        Assert.Equal(["9.9.9.9"], v.DnsServers);
        Assert.Single(v.Rejected);
        Assert.DoesNotContain('\n', v.Rejected[0]);
    }

    [Fact]
    public void AHugeStringIsRejectedAndShownBounded()
    {
        var huge = new string('1', 200_000);
        var v = UplinkReportValidator.Validate(new UplinkStatus { DnsServers = { huge }, GuestAddress = huge });
        Assert.Empty(v.DnsServers);
        Assert.Equal("", v.GuestAddress);
        Assert.All(v.Rejected, r => Assert.True(r.Length < 120, r));
    }

    [Fact]
    public void ValidReportsPassCanonicalisedAndCapped()
    {
        var v = UplinkReportValidator.Validate(new UplinkStatus
        {
            DnsServers = { "192.168.1.1", "2001:db8::53", "192.168.1.1", "1.1.1.1", "8.8.8.8" },
            GuestAddress = "10.77.0.1", HostAddress = "10.77.0.2", EthSubnetCidr = "10.77.0.0/24",
        });
        Assert.Equal(["192.168.1.1", "2001:db8::53", "1.1.1.1"], v.DnsServers);
        Assert.Equal("10.77.0.1", v.GuestAddress);
        Assert.Equal("10.77.0.2/24", v.HostAddressCidr);
        Assert.Empty(v.Rejected);
    }
}
