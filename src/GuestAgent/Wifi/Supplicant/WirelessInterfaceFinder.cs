namespace WifiBridge.GuestAgent.Wifi.Supplicant;

/// <summary>Finds the wireless interface: the configured one if it exists, else the first (by name) with a phy80211 link in sysfs.</summary>
public static class WirelessInterfaceFinder
{
    public static string? Find(string sysClassNet, string? configured)
    {
        if (configured is not null)
            return Directory.Exists(Path.Combine(sysClassNet, configured)) ? configured : null;
        if (!Directory.Exists(sysClassNet)) return null;
        return Directory.EnumerateFileSystemEntries(sysClassNet)
            .Where(dir => Path.Exists(Path.Combine(dir, "phy80211")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Every interface with phy80211 (for GetInfo-style reporting).</summary>
    public static IReadOnlyList<string> All(string sysClassNet)
        => !Directory.Exists(sysClassNet) ? [] : Directory.EnumerateFileSystemEntries(sysClassNet)
            .Where(dir => Path.Exists(Path.Combine(dir, "phy80211")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
}
