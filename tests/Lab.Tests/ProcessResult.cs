namespace WifiBridge.Lab.Tests;

/// <summary>Exit status and combined output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}: {Output}";
}
