namespace WifiBridge.Cli.Arguments;

/// <summary>Validates a BSSID argument (aa:bb:cc:dd:ee:ff, any case) and returns it lower-case.</summary>
internal static class BssidArgument
{
    public static string Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 6 || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
            throw CliException.BadInput($"'{Output.TerminalText.Sanitize(text)}' is not a BSSID; write it as six hex pairs, e.g. 02:00:00:00:01:00");
        return text.ToLowerInvariant();
    }
}
