using System.Text;
using WifiBridge.GuestAgent.Wifi.Parsing;

namespace WifiBridge.GuestAgent.Tests.Wifi.Parsing;

public class SsidCodecTests
{
    [Theory]
    [InlineData("lab-wpa2", "6c61622d77706132")]
    [InlineData("A\\\"BC", "41224243")]
    [InlineData("back\\\\slash", "6261636b5c736c617368")]
    [InlineData("nl\\nx", "6e6c0a78")]
    [InlineData("nul\\x00\\xff\\e\\t\\r", "6e756c00ff1b090d")]
    [InlineData("bad\\q\\x4", "6261645c715c7834")] // malformed escapes are kept literally
    public void DecodesPrintfEscapes(string escaped, string hex)
        => Assert.Equal(hex, SsidCodec.ToHex(SsidCodec.DecodeEscaped(escaped)));

    [Fact]
    public void DisplayKeepsPrintableUtf8AndEscapesEverythingElse()
    {
        byte[] ssid = [.. Encoding.UTF8.GetBytes("café \"q\" \\ ☕"), 0x00, 0x0a, 0xff, 0xc3];
        Assert.Equal("café \"q\" \\\\ ☕\\x00\\x0a\\xff\\xc3", SsidCodec.ToDisplay(ssid));
    }

    [Fact]
    public void DisplayOfThirtyTwoZeroBytesIsAllEscapes()
        => Assert.Equal(string.Concat(Enumerable.Repeat("\\x00", 32)), SsidCodec.ToDisplay(new byte[32]));

    [Fact]
    public void HexIsLowerCaseAndHasOnlyHexDigits()
    {
        var hostile = Encoding.Latin1.GetBytes("\"; ctrl_interface=/x\n}\0\\");
        var hex = SsidCodec.ToHex(hostile);
        Assert.Matches("^[0-9a-f]+$", hex);
        Assert.Equal(hostile, Convert.FromHexString(hex));
    }
}
