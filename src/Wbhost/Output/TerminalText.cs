using System.Text;

namespace WifiBridge.Cli.Output;

/// <summary>
/// Makes text from the daemon (much of it relayed from the untrusted guest) safe to print on a
/// terminal: control characters, bidi/format characters and lone surrogates become \xNN
/// escapes, so nothing can move the cursor, recolour or retitle the user's terminal.
/// </summary>
internal static class TerminalText
{
    public static string Sanitize(string? text, bool keepTabs = false)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (IsAllPlainAscii(text))
            return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var rune in EnumerateRunesReplacingLoneSurrogates(text))
        {
            if (keepTabs && rune.Value == '\t')
                builder.Append('\t');
            else if (IsPrintable(rune))
                builder.Append(rune.ToString());
            else
                AppendEscaped(builder, rune);
        }
        return builder.ToString();
    }

    /// <summary>True for characters that print as themselves without side effects.</summary>
    public static bool IsPrintable(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case System.Globalization.UnicodeCategory.Control:
            case System.Globalization.UnicodeCategory.Format:          // bidi overrides, zero-width joiners...
            case System.Globalization.UnicodeCategory.LineSeparator:
            case System.Globalization.UnicodeCategory.ParagraphSeparator:
            case System.Globalization.UnicodeCategory.Surrogate:
            case System.Globalization.UnicodeCategory.PrivateUse:
            case System.Globalization.UnicodeCategory.OtherNotAssigned:
                return false;
            default:
                return true;
        }
    }

    public static void AppendEscaped(StringBuilder builder, Rune rune)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var length = rune.EncodeToUtf8(utf8);
        for (var i = 0; i < length; i++)
            builder.Append("\\x").Append(utf8[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool IsAllPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7e)
                return false;
        }
        return true;
    }

    private static IEnumerable<Rune> EnumerateRunesReplacingLoneSurrogates(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.TryGetRuneAt(text, i, out var rune))
            {
                yield return rune;
                i += rune.Utf16SequenceLength;
            }
            else
            {
                yield return Rune.ReplacementChar;
                i++;
            }
        }
    }
}
