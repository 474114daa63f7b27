namespace WifiBridge.Cli.Terminal;

/// <summary>The user's terminal, for a passphrase typed without echo (a real boundary: the tty).</summary>
internal interface IPassphrasePrompt
{
    /// <summary>Shows <paramref name="prompt"/>, reads one line without echoing it. Null at end of input.</summary>
    string? ReadSecret(string prompt);
}
