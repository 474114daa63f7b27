namespace WifiBridge.GuestAgent.Uplink;

/// <summary>
/// Ends a child a previous agent left running (it crashed or was SIGKILLed): found through the
/// pid file we made it write, and only when /proc/PID/cmdline proves it is that tool started
/// with our own generated file, so an unrelated process that reused the pid is never touched.
/// </summary>
public static class LeftoverProcess
{
    /// <summary>Returns the pid that was ended, or null.</summary>
    public static int? End(string pidFile, string toolName, string ownFile)
    {
        try
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) return null;
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            if (!cmdline.Contains(toolName) || !cmdline.Contains(ownFile)) return null;
            using var leftover = System.Diagnostics.Process.GetProcessById(pid);
            leftover.Kill();
            leftover.WaitForExit(5000);
            return pid;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null; // gone already
        }
    }
}
