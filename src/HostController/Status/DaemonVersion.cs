namespace WifiBridge.HostController.Status;

/// <summary>wbhostd's own version (from the assembly).</summary>
public static class DaemonVersion
{
    public static readonly string Text = typeof(DaemonVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
