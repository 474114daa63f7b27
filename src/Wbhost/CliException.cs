namespace WifiBridge.Cli;

/// <summary>
/// A failure the CLI reports as one line on stderr and an exit code. The message must say what
/// to do about it and must never contain a passphrase.
/// </summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException BadInput(string message) => new(Cli.ExitCode.BadInput, message);
}
