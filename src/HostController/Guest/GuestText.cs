using System.Globalization;
using System.Text;

namespace WifiBridge.HostController.Guest;

/// <summary>Free text from the guest (error details) made safe for a log line, a status field and a terminal:
/// control and format characters (newlines, ESC, NUL, bidi overrides) become \xNN / \uNNNN escapes, lone
/// surrogates become U+FFFD, and the result is bounded.</summary>
public static class GuestText
{
    public static string Printable(string text, int maxChars)
    {
        var sb = new StringBuilder(Math.Min(text.Length, maxChars) + 24);
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length >= maxChars)
            {
                sb.Append($"...({text.Length} chars)");
                break;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value < 0x100 && category == UnicodeCategory.Control) sb.Append($"\\x{rune.Value:x2}");
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                     or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
                sb.Append($"\\u{rune.Value:x4}");
            else sb.Append(rune.ToString());
        }
        return sb.ToString();
    }
}
