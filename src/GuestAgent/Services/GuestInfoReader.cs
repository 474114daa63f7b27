using WifiBridge.Protocol;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Services;

/// <summary>Collects the agent's identity from /proc and /sys (no NSS, no external tools).</summary>
public sealed class GuestInfoReader
{
    // Guid.NewGuid draws from the kernel (getrandom/urandom) without OpenSSL; see Crypto/Sha1.cs for why that matters here.
    private readonly string _instanceId = Guid.NewGuid().ToString("N")[..16];
    private readonly long _startedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly string _sysRoot;
    private readonly string _procRoot;

    public GuestInfoReader(string sysRoot = "/sys", string procRoot = "/proc")
    {
        _sysRoot = sysRoot;
        _procRoot = procRoot;
    }

    public string ChannelName { get; set; } = "virtio-console";

    public GuestInfo Read()
    {
        var info = new GuestInfo
        {
            AgentVersion = typeof(GuestInfoReader).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            ApiMajor = ApiVersion.Major,
            ApiMinor = ApiVersion.Minor,
            BootId = ReadTrimmed(Path.Combine(_procRoot, "sys/kernel/random/boot_id")),
            InstanceId = _instanceId,
            StartedUnixMs = _startedUnixMs,
            Kernel = ReadTrimmed(Path.Combine(_procRoot, "sys/kernel/osrelease")),
            MemoryTotalKb = ReadMemTotalKb(),
            Channel = ChannelName,
        };
        info.WirelessInterfaces.AddRange(WirelessInterfaces(_sysRoot));
        return info;
    }

    /// <summary>Interfaces that have a phy80211 link in sysfs, sorted by name.</summary>
    public static IEnumerable<string> WirelessInterfaces(string sysRoot = "/sys")
    {
        var net = Path.Combine(sysRoot, "class/net");
        if (!Directory.Exists(net)) return [];
        return Directory.EnumerateDirectories(net)
            .Where(d => Directory.Exists(Path.Combine(d, "phy80211")) || File.Exists(Path.Combine(d, "phy80211")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
    }

    private static string ReadTrimmed(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private ulong ReadMemTotalKb()
    {
        foreach (var line in ReadTrimmed(Path.Combine(_procRoot, "meminfo")).Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
            return ulong.TryParse(digits, out var kb) ? kb : 0;
        }
        return 0;
    }
}
