namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Outcome of one finished tool run.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The tool's own words, for error messages: stderr, else stdout, trimmed and bounded.</summary>
    public string Diagnostic
    {
        get
        {
            var text = (StandardError.Trim().Length > 0 ? StandardError : StandardOutput).Trim();
            return text.Length > 800 ? text[..800] + " ..." : text;
        }
    }
}
