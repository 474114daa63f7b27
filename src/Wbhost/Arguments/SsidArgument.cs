using System.Text;
using Google.Protobuf;

namespace WifiBridge.Cli.Arguments;

/// <summary>
/// Turns an SSID typed on the command line into raw bytes. Accepts the display form:
/// \xNN is one byte, \\ a backslash, \: a colon (terse output); any other character is UTF-8.
/// --ssid-hex takes the bytes as hex. An SSID is 1..32 bytes.
/// </summary>
internal static class SsidArgument
{
    public const int MaxLength = 32;

    public static ByteString Parse(string text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if ((next == 'x' || next == 'X') && i + 3 < text.Length && IsHex(text[i + 2]) && IsHex(text[i + 3]))
                {
                    bytes.Add((byte)((HexValue(text[i + 2]) << 4) | HexValue(text[i + 3])));
                    i += 3;
                    continue;
                }
                if (next == '\\' || next == ':')
                {
                    bytes.Add((byte)next);
                    i++;
                    continue;
                }
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var length = new Rune(c, text[i + 1]).EncodeToUtf8(utf8);
                for (var k = 0; k < length; k++)
                    bytes.Add(utf8[k]);
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                throw CliException.BadInput("the SSID argument is not valid text; give raw bytes as \\xNN escapes or with --ssid-hex");
            var count = new Rune(c).EncodeToUtf8(utf8);
            for (var k = 0; k < count; k++)
                bytes.Add(utf8[k]);
        }
        return Validate(bytes.ToArray());
    }

    public static ByteString ParseHex(string hex)
    {
        var trimmed = hex.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (trimmed.Length % 2 != 0 || !trimmed.All(IsHex))
            throw CliException.BadInput("--ssid-hex takes an even number of hex digits, e.g. --ssid-hex 4d794e6574 for \"MyNet\"");
        return Validate(Convert.FromHexString(trimmed));
    }

    /// <summary>The SSID from --ssid-hex when given, else from the positional argument.</summary>
    public static ByteString From(string? positional, string? hex, string usage)
    {
        if (hex is not null && positional is not null)
            throw CliException.BadInput($"give the SSID either as an argument or with --ssid-hex, not both; usage: {usage}");
        if (hex is not null)
            return ParseHex(hex);
        if (positional is null)
            throw CliException.BadInput($"missing SSID; usage: {usage}");
        return Parse(positional);
    }

    private static ByteString Validate(byte[] bytes)
    {
        if (bytes.Length == 0)
            throw CliException.BadInput("the SSID is empty; an SSID has 1 to 32 bytes");
        if (bytes.Length > MaxLength)
            throw CliException.BadInput($"the SSID is {bytes.Length} bytes long; an SSID has 1 to 32 bytes (\\xNN counts as one byte)");
        return ByteString.CopyFrom(bytes);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
