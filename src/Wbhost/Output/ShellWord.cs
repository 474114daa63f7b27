namespace WifiBridge.Cli.Output;

/// <summary>Quotes a (terminal-safe) word for a command line the user can copy: 'like this', ' as '\''.</summary>
internal static class ShellWord
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@' or '+' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
