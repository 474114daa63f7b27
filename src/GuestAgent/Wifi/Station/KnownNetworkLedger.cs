using System.Globalization;
using Google.Protobuf;
using WifiBridge.GuestAgent.Crypto;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Which wpa_supplicant network id holds which desired network, kept in the agent's runtime
/// directory (tmpfs, root-only) so that an agent restarted by OpenRC, adopting the wpa_supplicant
/// its predecessor left running, recognises networks that did not change and leaves the Wi-Fi
/// link alone. Stores the SSID (hex), the id and a SHA-1 of the whole network configuration
/// (change detection only; the passphrase itself is never written). Deleted whenever a fresh
/// wpa_supplicant starts, since its ids mean nothing then.
/// </summary>
public sealed class KnownNetworkLedger(string path)
{
    public sealed record Entry(string SsidHex, int Id, string ConfigHash);

    public static string HashOf(NetworkConfig config) => Convert.ToHexString(Sha1.Hash(config.ToByteArray()));

    public void Save(IEnumerable<Entry> entries, string? lastJoinedSsidHex)
    {
        var lines = entries.Select(e => $"net\t{e.SsidHex}\t{e.Id.ToString(CultureInfo.InvariantCulture)}\t{e.ConfigHash}").ToList();
        if (lastJoinedSsidHex is not null) lines.Add($"last\t{lastJoinedSsidHex}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".new";
        File.WriteAllText(temp, string.Join('\n', lines) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The saved entries, or nothing when the file is missing or unreadable (it is only a hint).</summary>
    public (IReadOnlyList<Entry> Entries, string? LastJoined) Load()
    {
        var entries = new List<Entry>();
        string? last = null;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var f = line.Split('\t');
                if (f is ["net", var ssid, var id, var hash] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    entries.Add(new Entry(ssid, n, hash));
                else if (f is ["last", var l]) last = l;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ([], null); }
        return (entries, last);
    }

    public void Delete()
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
