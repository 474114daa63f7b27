using System.Text;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>
/// Converts SSIDs between their raw bytes, the hex form sent to wpa_supplicant (never quoted,
/// so no byte of a hostile SSID can reach its config parser as syntax), wpa_supplicant's
/// printf-escaped reply form, and a display form that is safe to print.
/// </summary>
public static class SsidCodec
{
    public const int MaxLength = 32;

    /// <summary>Lower-case hex, the only form in which SSIDs are sent to wpa_supplicant.</summary>
    public static string ToHex(ReadOnlySpan<byte> ssid) => Convert.ToHexString(ssid).ToLowerInvariant();

    /// <summary>
    /// Decodes wpa_supplicant's printf_encode() output (used in STATUS, SCAN_RESULTS, BSS and
    /// events): \\ \" \e \n \r \t and \xHH escapes, every other character one byte. The reply is
    /// read as Latin-1, so each char is one byte. Malformed escapes are kept literally.
    /// </summary>
    public static byte[] DecodeEscaped(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                bytes.Add((byte)c);
                continue;
            }
            var next = text[i + 1];
            switch (next)
            {
                case '\\': bytes.Add((byte)'\\'); i++; break;
                case '"': bytes.Add((byte)'"'); i++; break;
                case 'n': bytes.Add((byte)'\n'); i++; break;
                case 'r': bytes.Add((byte)'\r'); i++; break;
                case 't': bytes.Add((byte)'\t'); i++; break;
                case 'e': bytes.Add(0x1b); i++; break;
                case 'x' when i + 3 < text.Length + 0 && IsHex(text, i + 2) && IsHex(text, i + 3):
                    bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                    i += 3;
                    break;
                default: bytes.Add((byte)c); break;
            }
        }
        return bytes.ToArray();
    }

    private static bool IsHex(string s, int index) => index < s.Length && Uri.IsHexDigit(s[index]);

    /// <summary>
    /// Printable form: valid UTF-8 printable characters are kept, a backslash becomes \\, and
    /// everything else (control characters, NUL, invalid UTF-8) is escaped as \xNN.
    /// </summary>
    public static string ToDisplay(ReadOnlySpan<byte> ssid)
    {
        var sb = new StringBuilder(ssid.Length);
        while (!ssid.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(ssid, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done && IsPrintable(rune))
            {
                if (rune.Value == '\\') sb.Append("\\\\");
                else sb.Append(rune.ToString());
            }
            else
            {
                for (var k = 0; k < Math.Max(consumed, 1); k++)
                    sb.Append("\\x").Append(ssid[k].ToString("x2"));
            }
            ssid = ssid[Math.Max(consumed, 1)..];
        }
        return sb.ToString();
    }

    private static bool IsPrintable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is not (System.Globalization.UnicodeCategory.Control
            or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.Surrogate
            or System.Globalization.UnicodeCategory.PrivateUse
            or System.Globalization.UnicodeCategory.OtherNotAssigned);
    }
}
