namespace WifiBridge.HostController.Processes;

/// <summary>An external tool exited non-zero or could not be started. The message names the command
/// and the tool's own words (the arguments never carry secrets).</summary>
public sealed class ToolFailedException : Exception
{
    public ToolFailedException(ProcessResult result)
        : base($"'{result.CommandLine}' failed with exit code {result.ExitCode}: {FirstLine(result.Stderr, result.Stdout)}")
    {
        Result = result;
    }

    public ToolFailedException(string tool, string message, Exception? inner = null) : base(message, inner)
    {
        Result = new ProcessResult(tool, [], -1, "", message);
    }

    public ProcessResult Result { get; }

    private static string FirstLine(string stderr, string stdout)
    {
        var text = string.IsNullOrWhiteSpace(stderr) ? stdout : stderr;
        text = text.Trim();
        var nl = text.IndexOf('\n');
        if (nl >= 0) text = text[..nl];
        if (text.Length > 300) text = text[..300] + "...";
        return text.Length == 0 ? "(no output)" : text;
    }
}
