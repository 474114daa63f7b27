using WifiBridge.GuestAgent.Tests.Wifi.Recorded;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Tests.Wifi.Parsing;

public class ReplyParserTests
{
    [Fact]
    public void StatusOfRecordedWiredConnection()
    {
        var st = SupplicantStatus.Parse(RecordedReplies.StatusWiredCompleted);
        Assert.Equal(LinkState.Connected, st.State);
        Assert.Equal("01:80:c2:00:00:03", st.Bssid);
        Assert.Equal(new byte[] { 0x41, 0x22, 0x42, 0x43 }, st.Ssid);
        Assert.Equal(0, st.NetworkId);
        Assert.Equal("5a:bf:98:a6:17:87", st.MacAddress);
        Assert.Equal(Security.Open, SecurityClassifier.FromKeyManagement(st.KeyManagement));
    }

    [Fact]
    public void StatusDisconnectedHasNoBssid()
    {
        var st = SupplicantStatus.Parse(RecordedReplies.StatusDisconnected);
        Assert.Equal(LinkState.Disconnected, st.State);
        Assert.Null(st.Bssid);
        Assert.Empty(st.Ssid);
        Assert.Equal(-1, st.NetworkId);
    }

    [Theory]
    [InlineData("COMPLETED", LinkState.Connected)]
    [InlineData("4WAY_HANDSHAKE", LinkState.Handshake)]
    [InlineData("GROUP_HANDSHAKE", LinkState.Handshake)]
    [InlineData("ASSOCIATING", LinkState.Associating)]
    [InlineData("AUTHENTICATING", LinkState.Associating)]
    [InlineData("SCANNING", LinkState.Scanning)]
    [InlineData("INACTIVE", LinkState.Disabled)]
    [InlineData("INTERFACE_DISABLED", LinkState.Disabled)]
    [InlineData("DISCONNECTED", LinkState.Disconnected)]
    [InlineData("garbage", LinkState.Disconnected)]
    public void MapsWpaStates(string wpaState, LinkState expected) => Assert.Equal(expected, SupplicantStatus.MapState(wpaState));

    [Fact]
    public void SignalPollWithoutNoise()
    {
        var poll = SignalPoll.Parse(RecordedReplies.SignalPoll)!;
        Assert.Equal(-31, poll.RssiDbm);
        Assert.Equal(-30, poll.AverageRssiDbm);
        Assert.Equal(0, poll.NoiseDbm);
        Assert.Equal(65u, poll.LinkSpeedMbps);
        Assert.Equal(2437u, poll.FrequencyMhz);
    }

    [Theory]
    [InlineData("FAIL")]
    [InlineData("")]
    [InlineData("RSSI\nLINKSPEED=x")]
    public void SignalPollFailureIsNull(string reply) => Assert.Null(SignalPoll.Parse(reply));

    [Fact]
    public void SignalPollRejectsAbsurdValues()
        => Assert.Equal(0, SignalPoll.Parse("RSSI=-9999\nLINKSPEED=1\n")!.RssiDbm);

    [Fact]
    public void ScanResultsDecodeHostileSsidAndHiddenEntry()
    {
        var lines = ScanResultsParser.Parse(RecordedReplies.ScanResults);
        Assert.Equal(3, lines.Count);
        Assert.Equal("lab-wpa2"u8.ToArray(), lines[0].Ssid);
        Assert.Equal(new byte[] { (byte)'q', (byte)'"', (byte)'b', (byte)'\\', (byte)'n', 0x0a, (byte)'z', 0x00, 0xff }, lines[1].Ssid);
        Assert.Equal(5180u, lines[1].FrequencyMhz);
        Assert.Empty(lines[2].Ssid);
        Assert.Equal(-60, lines[2].SignalDbm);
    }

    [Fact]
    public void ScanResultsIgnoreGarbageLines()
        => Assert.Empty(ScanResultsParser.Parse("bssid / frequency\nnot-a-mac\t1\t2\t3\tx\n\t\t\t\n\0\0\0"));

    [Fact]
    public void BssOfSaeNetwork()
    {
        var parsed = BssParser.Parse(RecordedReplies.BssSae)!;
        Assert.Equal(4, parsed.Id);
        var bss = parsed.Bss;
        Assert.Equal("lab-sae", bss.SsidDisplay);
        Assert.Equal("02:00:00:00:02:00", bss.Bssid);
        Assert.Equal(36u, bss.Channel);
        Assert.Equal(Band._5Ghz, bss.Band);
        Assert.Equal(-45, bss.SignalDbm);
        Assert.Equal(Security.Wpa3Sae, bss.Security);
        Assert.False(bss.Hidden);
        Assert.Equal(144_400u, bss.MaxRateKbps); // HT20, SGI, 2 streams
    }

    [Fact]
    public void BssOfHiddenNetworkSeenByProbe()
    {
        var bss = BssParser.Parse(RecordedReplies.BssHidden)!.Bss;
        Assert.True(bss.Hidden);
        Assert.Equal("lab-hidden", bss.SsidDisplay);
        Assert.Equal(11u, bss.Channel);
        Assert.Equal(11_000u, bss.MaxRateKbps);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FAIL")]
    [InlineData("id=3\nbssid=zz:00:00:00:00:00\n")]
    public void BssEndOrGarbageIsNull(string reply) => Assert.Null(BssParser.Parse(reply));

    [Fact]
    public void BssTruncatesOverlongSsid()
    {
        var reply = "id=1\nbssid=02:00:00:00:01:00\nfreq=2412\nlevel=-40\nflags=[ESS]\nssid=" + new string('a', 40) + "\n";
        Assert.Equal(32, BssParser.Parse(reply)!.Bss.Ssid.Length);
    }
}
