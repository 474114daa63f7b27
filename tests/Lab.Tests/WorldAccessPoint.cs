namespace WifiBridge.Lab.Tests;

/// <summary>One AP of the lab world, as listed in guest-packaging/lab/rootfs/etc/lab-world/world.conf.</summary>
public sealed record WorldAccessPoint(string Interface, string Bssid, string Address)
{
    public static IReadOnlyList<WorldAccessPoint> Load()
    {
        var path = Path.Combine(RepositoryPaths.LabDirectory, "rootfs", "etc", "lab-world", "world.conf");
        return File.ReadLines(path)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new WorldAccessPoint(f[0], f[1], f[2]))
            .ToList();
    }

    /// <summary>The hostapd configuration value of <paramref name="key"/> for this AP.</summary>
    public string? HostapdSetting(string key)
    {
        var path = Path.Combine(RepositoryPaths.LabDirectory, "rootfs", "etc", "lab-world", Interface + ".conf");
        return File.ReadLines(path).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 1)..]).FirstOrDefault();
    }
}
