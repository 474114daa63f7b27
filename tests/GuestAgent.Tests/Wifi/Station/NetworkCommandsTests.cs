using System.Text;
using Google.Protobuf;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

public class NetworkCommandsTests
{
    private static NetworkConfig Net(byte[] ssid, Security security, string passphrase = "") => new()
    {
        Ssid = ByteString.CopyFrom(ssid), Security = security, Passphrase = passphrase,
    };

    public static TheoryData<byte[]> HostileSsids => new()
    {
        Encoding.ASCII.GetBytes("\"\nnetwork={\nssid=\"evil\"\n}"),
        Encoding.ASCII.GetBytes("a\\\"b'c"),
        new byte[] { 0x00, 0x41, 0x00 },
        new byte[] { 0xff, 0xfe, 0xc3, 0x28 },
        Enumerable.Repeat((byte)'"', 32).ToArray(),
    };

    [Theory]
    [MemberData(nameof(HostileSsids))]
    public void HostileSsidsOnlyEverTravelAsHex(byte[] ssid)
    {
        var commands = WpaNetworkCommands.For(Net(ssid, Security.Wpa2Wpa3, "pa\"ss\\ word'\"x"), Security.Wpa2Wpa3);
        Assert.Equal(Convert.ToHexString(ssid).ToLowerInvariant(), commands.Single(c => c.Field == "ssid").Value);
        Assert.All(commands, c => Assert.DoesNotContain('"', c.Value));
        Assert.All(commands, c => Assert.DoesNotContain('\n', c.Value));
        Assert.All(commands, c => Assert.DoesNotContain('\0', c.Value));
    }

    [Fact]
    public void PassphraseTextNeverAppearsInCommands()
    {
        const string passphrase = "correct horse battery";
        var commands = WpaNetworkCommands.For(Net("home"u8.ToArray(), Security.Wpa2Wpa3, passphrase), Security.Wpa2Wpa3);
        Assert.All(commands, c => Assert.DoesNotContain("horse", c.Value));
        Assert.Equal(Convert.ToHexString(Encoding.ASCII.GetBytes(passphrase)).ToLowerInvariant(), commands.Single(c => c.Field == "sae_password").Value);
        Assert.Equal("WPA-PSK WPA-PSK-SHA256 SAE", commands.Single(c => c.Field == "key_mgmt").Value);
    }

    [Fact]
    public void PskIsTheIeee80211iTestVector()
        // IEEE 802.11i-2004 annex H.4.1: passphrase "password", SSID "IEEE".
        => Assert.Equal("f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e",
            WpaNetworkCommands.Psk("password", "IEEE"u8.ToArray()));

    [Fact]
    public void RawPskIsPassedThrough()
    {
        var raw = new string('A', 64);
        Assert.Equal(new string('a', 64), WpaNetworkCommands.Psk(raw, "x"u8.ToArray()));
    }

    [Theory]
    [InlineData(Security.Open, "NONE", null)]
    [InlineData(Security.Wpa3Sae, "SAE", "2")]
    [InlineData(Security.Wpa2Psk, "WPA-PSK WPA-PSK-SHA256", "1")]
    public void KeyManagementPerSecurity(Security security, string keyMgmt, string? pmf)
    {
        var pass = security == Security.Open ? "" : "12345678";
        var commands = WpaNetworkCommands.For(Net("n"u8.ToArray(), security, pass), security);
        Assert.Equal(keyMgmt, commands.Single(c => c.Field == "key_mgmt").Value);
        Assert.Equal(pmf, commands.SingleOrDefault(c => c.Field == "ieee80211w").Value);
    }

    [Fact]
    public void HiddenPriorityAndBssid()
    {
        var n = Net("n"u8.ToArray(), Security.Open);
        n.Hidden = true;
        n.Priority = 5;
        n.Bssid = "02:00:00:00:01:00";
        var commands = WpaNetworkCommands.For(n, Security.Open).ToDictionary(c => c.Field, c => c.Value);
        Assert.Equal("1", commands["scan_ssid"]);
        Assert.Equal("5", commands["priority"]);
        Assert.Equal("02:00:00:00:01:00", commands["bssid"]);
    }

    [Theory]
    [InlineData("", Security.Wpa2Psk, "passphrase must be 8..63")]
    [InlineData("short", Security.Wpa2Psk, "passphrase must be 8..63")]
    [InlineData("new\nline pass", Security.Wpa2Psk, "printable ASCII")]
    [InlineData("nul\0inside", Security.Wpa3Sae, "printable ASCII")]
    [InlineData("café-passphrase", Security.Wpa2Psk, "printable ASCII")]
    [InlineData("12345678", Security.Open, "takes no passphrase")]
    [InlineData("12345678", Security.Enterprise, "not supported")]
    [InlineData("12345678", Security.Wep, "not supported")]
    public void RejectsBadPassphrasesWithoutEchoingThem(string passphrase, Security security, string message)
    {
        var e = Assert.Throws<StationException>(() => NetworkValidation.Validate(Net("net"u8.ToArray(), security, passphrase)));
        Assert.Equal(StationError.InvalidArgument, e.Error);
        Assert.Contains(message, e.Message);
        Assert.Contains("'net'", e.Message);
        if (passphrase.Length > 0) Assert.DoesNotContain(passphrase, e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void RejectsSsidLength(int length)
    {
        var e = Assert.Throws<StationException>(() => NetworkValidation.Validate(Net(new byte[length], Security.Open)));
        Assert.Contains("1..32 bytes", e.Message);
    }

    [Fact]
    public void AcceptsBoundaryPassphrasesAndThirtyTwoByteSsid()
    {
        NetworkValidation.Validate(Net(new byte[32], Security.Wpa2Psk, new string('~', 63)));
        NetworkValidation.Validate(Net(new byte[1], Security.Wpa2Psk, " " + new string('x', 7)));
        NetworkValidation.Validate(Net(new byte[1], Security.Wpa2Psk, new string('f', 64)));
    }

    [Fact]
    public void SaeRefusesRawPsk()
        => Assert.Throws<StationException>(() => NetworkValidation.Validate(Net("n"u8.ToArray(), Security.Wpa3Sae, new string('0', 64))));

    [Fact]
    public void BadBssidRejected()
    {
        var n = Net("n"u8.ToArray(), Security.Open);
        n.Bssid = "02:00:00:00:01";
        Assert.Throws<StationException>(() => NetworkValidation.Validate(n));
    }
}
