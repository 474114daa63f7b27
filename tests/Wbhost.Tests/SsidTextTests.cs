using Google.Protobuf;
using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;

namespace WifiBridge.Cli.Tests;

/// <summary>The SSID display form is terminal-safe and types back to the same bytes.</summary>
public sealed class SsidTextTests
{
    [Theory]
    [InlineData(new byte[] { 0x48, 0x69 }, "Hi")]
    [InlineData(new byte[] { 0x1b, 0x5b, 0x32, 0x4a }, "\\x1b[2J")]
    [InlineData(new byte[] { 0x61, 0x0a, 0x00, 0x62 }, "a\\x0a\\x00b")]
    [InlineData(new byte[] { 0x5c }, "\\\\")]
    [InlineData(new byte[] { 0xff, 0xc3 }, "\\xff\\xc3")]
    [InlineData(new byte[] { 0xe2, 0x80, 0xae, 0x61 }, "\\xe2\\x80\\xaea")]   // U+202E right-to-left override
    [InlineData(new byte[] { 0xc2, 0x9b, 0x33 }, "\\xc2\\x9b3")]             // U+009B, the 8-bit CSI
    [InlineData(new byte[] { 0xc3, 0xa9, 0x22 }, "é\"")]
    public void DisplayEscapesEverythingThatIsNotPrintable(byte[] ssid, string expected)
    {
        Assert.Equal(expected, SsidText.Display(ssid));
    }

    [Fact]
    public void EveryByteStringUpTo32BytesRoundTripsThroughTheDisplayForm()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(1, 33)];
            random.NextBytes(bytes);
            if (i % 3 == 0)
                for (var k = 0; k < bytes.Length; k++)
                    bytes[k] = (byte)"ab\\x:\"' \u00e9"[random.Next(9)]; // lots of escape-like text
            var display = SsidText.Display(bytes);
            Assert.All(display, c => Assert.False(char.IsControl(c), $"control character in display form of {Convert.ToHexString(bytes)}"));
            Assert.Equal(bytes, SsidArgument.Parse(display).ToByteArray());
        }
    }

    [Fact]
    public void ArgumentAcceptsEscapesAndTerseColons()
    {
        Assert.Equal("Home:5G"u8.ToArray(), SsidArgument.Parse("Home\\:5G").ToByteArray());
        Assert.Equal(new byte[] { 0x00, 0xff }, SsidArgument.Parse("\\x00\\xFF").ToByteArray());
        Assert.Equal("a\\b"u8.ToArray(), SsidArgument.Parse("a\\b").ToByteArray()); // a lone backslash is literal
        Assert.Equal("\\x4"u8.ToArray(), SsidArgument.Parse("\\x4").ToByteArray()); // incomplete escape stays literal
        Assert.Equal("カフェ"u8.ToArray(), SsidArgument.Parse("カフェ").ToByteArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789012345678901234567890123")]
    [InlineData("カフェ無料WiFi-5G-北口店X")]
    public void ArgumentOutside1To32BytesIsBadInput(string text)
    {
        var error = Assert.Throws<CliException>(() => SsidArgument.Parse(text));
        Assert.Equal(ExitCode.BadInput, error.ExitCode);
        Assert.Contains("1 to 32 bytes", error.Message);
    }

    [Theory]
    [InlineData("4d794e6574", "MyNet")]
    [InlineData("4d:79:4e:65:74", "MyNet")]
    public void HexArgument(string hex, string expected)
    {
        Assert.Equal(ByteString.CopyFromUtf8(expected), SsidArgument.ParseHex(hex));
    }

    [Theory]
    [InlineData("4d7")]
    [InlineData("zz")]
    public void MalformedHexIsBadInput(string hex)
    {
        Assert.Equal(ExitCode.BadInput, Assert.Throws<CliException>(() => SsidArgument.ParseHex(hex)).ExitCode);
    }

    [Fact]
    public void TerminalTextEscapesControlAndBidiCharactersButKeepsText()
    {
        Assert.Equal("ok \\x1b]0;x\\x07 \\xe2\\x80\\xae é 北", TerminalText.Sanitize("ok \u001b]0;x\u0007 \u202e é 北"));
        Assert.Equal("a\tb\\x0d", TerminalText.Sanitize("a\tb\r", keepTabs: true));
        Assert.Equal("\ufffd", TerminalText.Sanitize("\ud800")); // a lone surrogate becomes U+FFFD
    }

    [Fact]
    public void DisplayWidthCountsWideCharactersTwice()
    {
        Assert.Equal(24, DisplayWidth.Of("カフェ無料WiFi-5G-北口店"));
        Assert.Equal(5, DisplayWidth.Of("Hello"));
        Assert.Equal(1, DisplayWidth.Of("e\u0301"));
    }
}
