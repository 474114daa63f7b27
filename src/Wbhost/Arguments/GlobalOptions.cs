namespace WifiBridge.Cli.Arguments;

/// <summary>Options accepted anywhere on the command line, before or after the command.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultSocketPath = "/var/run/wbhost/wbhostd.sock";
    public const string SocketEnvironmentVariable = "WBHOST_SOCKET";

    public string SocketPath { get; set; } = DefaultSocketPath;
    public bool Json { get; set; }
    public bool Terse { get; set; }
    public bool Help { get; set; }
    public bool Version { get; set; }
    /// <summary>Deadline for one call; null means the command's own default.</summary>
    public TimeSpan? Timeout { get; set; }
}
