using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Tests.Wifi.Parsing;

public class ClassificationTests
{
    [Theory]
    [InlineData("[ESS]", Security.Open)]
    [InlineData("[WEP][ESS]", Security.Wep)]
    [InlineData("[WPA-PSK-TKIP][ESS]", Security.WpaPsk)]
    [InlineData("[WPA-PSK-CCMP+TKIP][WPA2-PSK-CCMP+TKIP][ESS]", Security.Wpa2Psk)]
    [InlineData("[WPA2-PSK-CCMP][ESS]", Security.Wpa2Psk)]
    [InlineData("[WPA2-PSK-SHA256-CCMP][ESS]", Security.Wpa2Psk)]
    [InlineData("[WPA2-SAE-CCMP][ESS]", Security.Wpa3Sae)]
    [InlineData("[RSN-SAE+SAE-EXT-KEY-CCMP][ESS]", Security.Wpa3Sae)]
    [InlineData("[WPA2-PSK+SAE-CCMP][ESS]", Security.Wpa2Wpa3)]
    [InlineData("[WPA2-FT/PSK+PSK+FT/SAE+SAE-CCMP][ESS]", Security.Wpa2Wpa3)]
    [InlineData("[WPA2-EAP-CCMP][ESS]", Security.Enterprise)]
    [InlineData("[WPA2-EAP-SUITE-B-192-GCMP-256][ESS]", Security.Enterprise)]
    [InlineData("[WPA2-OWE-CCMP][ESS]", Security.Owe)]
    [InlineData("[WPA2-PSK-CCMP][WPS][ESS][P2P]", Security.Wpa2Psk)]
    [InlineData("garbage [", Security.Open)]
    public void FromFlags(string flags, Security expected) => Assert.Equal(expected, SecurityClassifier.FromFlags(flags));

    [Theory]
    [InlineData("NONE", Security.Open)]
    [InlineData("WPA2-PSK", Security.Wpa2Psk)]
    [InlineData("WPA-PSK", Security.WpaPsk)]
    [InlineData("SAE", Security.Wpa3Sae)]
    [InlineData("FT-SAE", Security.Wpa3Sae)]
    [InlineData("WPA2/IEEE 802.1X/EAP", Security.Enterprise)]
    [InlineData("OWE", Security.Owe)]
    [InlineData(null, Security.Unspecified)]
    public void FromKeyManagement(string? keyMgmt, Security expected) => Assert.Equal(expected, SecurityClassifier.FromKeyManagement(keyMgmt));

    [Theory]
    [InlineData(2412u, 1u, Band._24Ghz)]
    [InlineData(2437u, 6u, Band._24Ghz)]
    [InlineData(2472u, 13u, Band._24Ghz)]
    [InlineData(2484u, 14u, Band._24Ghz)]
    [InlineData(5180u, 36u, Band._5Ghz)]
    [InlineData(5825u, 165u, Band._5Ghz)]
    [InlineData(5955u, 1u, Band._6Ghz)]
    [InlineData(6115u, 33u, Band._6Ghz)]
    [InlineData(0u, 0u, Band.Unspecified)]
    [InlineData(60480u, 0u, Band.Unspecified)]
    public void ChannelAndBand(uint mhz, uint channel, Band band)
    {
        Assert.Equal(channel, FrequencyPlan.ChannelOf(mhz));
        Assert.Equal(band, FrequencyPlan.BandOf(mhz));
    }

    [Theory]
    [InlineData(1, "unspecified reason")]
    [InlineData(3, "station is leaving (deauthenticated)")]
    [InlineData(15, "4-way handshake timeout (wrong passphrase?)")]
    [InlineData(999, "reason code 999")]
    public void ReasonTexts(int code, string text) => Assert.Equal(text, Ieee80211Reasons.ReasonText(code));

    [Fact]
    public void InformationElementsSurviveTruncationAndGarbage()
    {
        Assert.Equal(0u, InformationElements.MaxRateKbps(Convert.FromHexString("01ff0204")));
        Assert.True(InformationElements.HasHiddenSsid([]));
        Assert.True(InformationElements.HasHiddenSsid(Convert.FromHexString("0003000000")));
        Assert.False(InformationElements.HasHiddenSsid(Convert.FromHexString("000141")));
        Assert.Empty(InformationElements.FromHex("zz"));
        Assert.Empty(InformationElements.FromHex("abc"));
        // Legacy rates only, with the HT PHY membership selector (0xff) ignored.
        Assert.Equal(54_000u, InformationElements.MaxRateKbps(Convert.FromHexString("01088c129824b048606c3201ff")));
    }
}
