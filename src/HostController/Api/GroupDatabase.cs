using System.Globalization;

namespace WifiBridge.HostController.Api;

/// <summary>Looks a group up in /etc/group (same format on FreeBSD and Linux; wbhostd needs no NSS).</summary>
public static class GroupDatabase
{
    public static uint? FindGid(string group, string path = "/etc/group")
    {
        if (uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)) return numeric;
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split(':');
            if (f.Length >= 3 && f[0] == group && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                return gid;
        }
        return null;
    }
}
