namespace WifiBridge.Lab.Tests;

/// <summary>What the lab needs on the host. Missing pieces FAIL the tests with the fix, never skip them.</summary>
public static class LabPrerequisites
{
    public static void Check()
    {
        var problems = new List<string>();
        if (Environment.UserName != "root")
            problems.Add($"the lab tests run as root (QEMU creates a tap device; apt-get download); running as '{Environment.UserName}'");
        foreach (var tool in new[] { "qemu-system-x86_64", "socat", "shellcheck", "apt-get", "cpio", "zstd", "readelf" })
        {
            if (!OnPath(tool))
                problems.Add($"'{tool}' is not installed: run sh scripts/install-deps.sh");
        }
        if (!File.Exists("/dev/net/tun"))
            problems.Add("/dev/net/tun is missing: modprobe tun (QEMU backs the guest NIC with a tap device)");
        if (problems.Count > 0)
            throw new InvalidOperationException("lab prerequisites missing:\n  " + string.Join("\n  ", problems));
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
