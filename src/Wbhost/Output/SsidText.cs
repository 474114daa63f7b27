using System.Text;

namespace WifiBridge.Cli.Output;

/// <summary>
/// SSIDs are 0..32 arbitrary bytes. The display form keeps printable UTF-8 and escapes
/// everything else as \xNN and a backslash as \\ (so the display form is unambiguous and
/// can be typed back as an argument, see <see cref="Arguments.SsidArgument"/>).
/// The CLI always computes it from the raw bytes itself: the guest's display string is not trusted.
/// </summary>
internal static class SsidText
{
    public static string Display(ReadOnlySpan<byte> ssid)
    {
        var builder = new StringBuilder(ssid.Length + 4);
        while (!ssid.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(ssid, out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                builder.Append("\\x").Append(ssid[0].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                ssid = ssid[1..];
                continue;
            }
            if (rune.Value == '\\')
                builder.Append("\\\\");
            else if (TerminalText.IsPrintable(rune))
                builder.Append(rune.ToString());
            else
                TerminalText.AppendEscaped(builder, rune);
            ssid = ssid[consumed..];
        }
        return builder.ToString();
    }

    public static string Display(Google.Protobuf.ByteString ssid) => Display(ssid.Span);

    /// <summary>The display form, or "--" for a hidden BSS (nmcli's convention).</summary>
    public static string DisplayOrHidden(Google.Protobuf.ByteString ssid) => ssid.IsEmpty ? "--" : Display(ssid.Span);

    /// <summary>Display form between double quotes, for sentences.</summary>
    public static string Quoted(Google.Protobuf.ByteString ssid) => "\"" + Display(ssid.Span).Replace("\"", "\\x22", StringComparison.Ordinal) + "\"";
}
