using System.Text;

namespace WifiBridge.Cli.Output;

/// <summary>
/// Terminal column width of sanitized text: East Asian wide and fullwidth characters and
/// most emoji take two columns, combining marks none (a compact wcwidth).
/// </summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += Of(rune);
        return width;
    }

    private static int Of(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x300)
            return 1;
        var category = Rune.GetUnicodeCategory(rune);
        if (category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark)
            return 0;
        return IsWide(value) ? 2 : 1;
    }

    private static bool IsWide(int c) =>
        (c >= 0x1100 && c <= 0x115F) ||   // Hangul Jamo
        (c >= 0x2E80 && c <= 0x303E) ||   // CJK radicals, punctuation
        (c >= 0x3041 && c <= 0x33FF) ||   // Hiragana, Katakana, CJK symbols
        (c >= 0x3400 && c <= 0x4DBF) ||   // CJK extension A
        (c >= 0x4E00 && c <= 0x9FFF) ||   // CJK unified ideographs
        (c >= 0xA000 && c <= 0xA4CF) ||   // Yi
        (c >= 0xAC00 && c <= 0xD7A3) ||   // Hangul syllables
        (c >= 0xF900 && c <= 0xFAFF) ||   // CJK compatibility ideographs
        (c >= 0xFE30 && c <= 0xFE4F) ||   // CJK compatibility forms
        (c >= 0xFF00 && c <= 0xFF60) ||   // fullwidth forms
        (c >= 0xFFE0 && c <= 0xFFE6) ||
        (c >= 0x1F300 && c <= 0x1F64F) || // emoji, pictographs
        (c >= 0x1F900 && c <= 0x1F9FF) ||
        (c >= 0x20000 && c <= 0x3FFFD);   // CJK extensions B..
}
