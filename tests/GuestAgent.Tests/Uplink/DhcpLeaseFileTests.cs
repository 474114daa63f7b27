using WifiBridge.GuestAgent.Uplink;

namespace WifiBridge.GuestAgent.Tests.Uplink;

public sealed class DhcpLeaseFileTests
{
    private const string Bound = "event=bound\nip=192.168.1.23\nsubnet=255.255.255.0\nrouter=192.168.1.1 192.168.1.2\ndns=192.168.1.1 2001:db8::53\ndomain=home.arpa\nmtu=\nlease=3600\nend=1\n";

    [Fact]
    public void Parses_a_bound_event()
    {
        var ev = DhcpLeaseFile.Parse(Bound, out var error);
        Assert.Equal("", error);
        Assert.Equal("bound", ev!.Kind);
        Assert.Equal("192.168.1.23/24", ev.Lease!.AddressCidr);
        Assert.Equal("192.168.1.1", ev.Lease.Gateway);
        Assert.Equal(["192.168.1.1", "2001:db8::53"], ev.Lease.DnsServers);
        Assert.Equal("home.arpa", ev.Lease.Domain);
    }

    [Fact]
    public void Deconfig_carries_no_lease()
        => Assert.Null(DhcpLeaseFile.Parse("event=deconfig\nip=\nsubnet=\nrouter=\ndns=\ndomain=\nmtu=\nlease=\nend=1\n", out _)!.Lease);

    [Theory]
    [InlineData("domain=home.arpa\nip=10.0.0.66", "unexpected line 'ip=10.0.0.66'")] // newline injected through a value
    [InlineData("domain=home.arpa\nevil", "unexpected line 'evil'")]
    [InlineData("domain=home.arpa\nend=1\nip=6.6.6.6", "unexpected line")]
    public void A_value_smuggling_extra_lines_rejects_the_whole_event(string domainLine, string expected)
    {
        var text = Bound.Replace("domain=home.arpa", domainLine);
        Assert.Null(DhcpLeaseFile.Parse(text, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("ip=192.168.1.23", "ip=not-an-ip", "bad address")]
    [InlineData("ip=192.168.1.23", "ip=2001:db8::1", "bad address")]
    [InlineData("subnet=255.255.255.0", "subnet=255.0.255.0", "bad subnet mask")]
    [InlineData("end=1\n", "", "incomplete")]
    public void Malformed_values_are_rejected_with_the_reason(string from, string to, string expected)
    {
        Assert.Null(DhcpLeaseFile.Parse(Bound.Replace(from, to), out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Bad_domain_and_dns_entries_are_dropped_not_passed_on()
    {
        var ev = DhcpLeaseFile.Parse(Bound.Replace("domain=home.arpa", "domain=a'b$(id)").Replace("dns=192.168.1.1 2001:db8::53", "dns=x 192.168.1.1 ::ffff:1.2.3.4"), out _);
        Assert.Equal("", ev!.Lease!.Domain);
        Assert.Equal(["192.168.1.1"], ev.Lease.DnsServers);
    }

    [Fact]
    public void Script_quotes_the_path_and_refuses_quotes_in_it()
    {
        Assert.Contains("f='/run/wbguest/uplink-lease'", DhcpLeaseFile.Script("/run/wbguest/uplink-lease"));
        Assert.Throws<ArgumentException>(() => DhcpLeaseFile.Script("/run/it's/lease"));
    }
}
