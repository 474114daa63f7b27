namespace WifiBridge.Cli.Arguments;

/// <summary>
/// Where connect's passphrase comes from, in order: --ask (masked prompt on the terminal),
/// --passphrase-file, --passphrase, then the first line of stdin when stdin is not a terminal
/// (an empty line or no input = none: open network or the saved passphrase). Validated here
/// (8..63 printable ASCII or 64 hex digits) so a typo fails fast; never echoed in any message.
/// </summary>
internal static class PassphraseSource
{
    public static string? Resolve(CliContext context, bool ask, string? argument, string? file, string quotedSsid)
    {
        var sources = (ask ? 1 : 0) + (argument is null ? 0 : 1) + (file is null ? 0 : 1);
        if (sources > 1)
            throw CliException.BadInput("give the passphrase one way only: --ask, --passphrase-file or --passphrase");
        string? passphrase;
        if (ask)
            passphrase = context.Prompt.ReadSecret($"Passphrase for {quotedSsid}: ");
        else if (file is not null)
            passphrase = ReadFile(file);
        else if (argument is not null)
            passphrase = argument;
        else if (!context.InputIsTerminal())
            passphrase = context.OpenInput().ReadLine();
        else
            passphrase = null;
        passphrase = passphrase?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(passphrase))
            return null;
        Validate(passphrase);
        return passphrase;
    }

    public static void Validate(string passphrase)
    {
        var isHexKey = passphrase.Length == 64 && passphrase.All(char.IsAsciiHexDigit);
        var isAsciiPassphrase = passphrase.Length is >= 8 and <= 63 && passphrase.All(c => c >= 0x20 && c <= 0x7e);
        if (!isHexKey && !isAsciiPassphrase)
            throw CliException.BadInput($"the passphrase is not valid: it must be 8 to 63 printable ASCII characters or 64 hex digits (it has {passphrase.Length} characters)");
    }

    private static string? ReadFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadInput($"cannot read the passphrase file {Output.TerminalText.Sanitize(path)}: {e.GetType().Name}");
        }
    }
}
