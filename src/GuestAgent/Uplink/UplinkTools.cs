namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Where the datapath's tools live. Defaults are Alpine's paths; <see cref="Locate"/> finds them
/// on other layouts (the Debian-based lab has iw and ip in /sbin); tests set them explicitly.</summary>
public sealed record UplinkTools
{
    public string Nft { get; init; } = "/usr/sbin/nft";
    public string Ip { get; init; } = "/sbin/ip";
    public string Sysctl { get; init; } = "/sbin/sysctl";
    public string Dnsmasq { get; init; } = "/usr/sbin/dnsmasq";
    /// <summary>busybox udhcpc (an applet: the path may be a symlink to busybox).</summary>
    public string Udhcpc { get; init; } = "/sbin/udhcpc";
    public string Iw { get; init; } = "/usr/sbin/iw";

    private static readonly string[] SearchDirectories = ["/sbin", "/usr/sbin", "/bin", "/usr/bin"];

    /// <summary>The defaults, each replaced by the first existing file of the same name in
    /// /sbin, /usr/sbin, /bin, /usr/bin when the default path does not exist. A tool found
    /// nowhere keeps its default path, so the error names where it was expected.</summary>
    public static UplinkTools Locate(Func<string, bool>? exists = null)
    {
        exists ??= File.Exists;
        string Find(string path) => exists(path) ? path
            : SearchDirectories.Select(d => Path.Combine(d, Path.GetFileName(path))).FirstOrDefault(exists) ?? path;
        var d = new UplinkTools();
        return new UplinkTools
        {
            Nft = Find(d.Nft), Ip = Find(d.Ip), Sysctl = Find(d.Sysctl), Dnsmasq = Find(d.Dnsmasq), Udhcpc = Find(d.Udhcpc), Iw = Find(d.Iw),
        };
    }
}
