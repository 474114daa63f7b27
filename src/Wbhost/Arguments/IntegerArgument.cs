using System.Globalization;

namespace WifiBridge.Cli.Arguments;

/// <summary>Parses an integer argument with a range, failing with exit code 2.</summary>
internal static class IntegerArgument
{
    public static int Parse(string text, string what, int min = -1_000_000, int max = 1_000_000)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw CliException.BadInput($"{what} takes a whole number from {min} to {max} (got '{Output.TerminalText.Sanitize(text)}')");
        return value;
    }
}
