namespace WifiBridge.HostController.Processes;

/// <summary>Exit code and captured output of one tool invocation.</summary>
public sealed record ProcessResult(string Tool, IReadOnlyList<string> Args, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public string CommandLine => Args.Count == 0 ? Tool : Tool + " " + string.Join(' ', Args);

    /// <summary>Throws <see cref="ToolFailedException"/> when the tool did not exit 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (!Succeeded) throw new ToolFailedException(this);
        return this;
    }
}
