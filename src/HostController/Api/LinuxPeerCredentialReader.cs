using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;

namespace WifiBridge.HostController.Api;

/// <summary>Linux: getsockopt(SO_PEERCRED) gives pid/uid/gid (struct ucred); the supplementary groups come
/// from /proc/PID/status when that process still has the same uid.</summary>
public sealed class LinuxPeerCredentialReader : IPeerCredentialReader
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    public PeerCredentials? Read(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12];
        if (socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) != 12) return null;
        var pid = BinaryPrimitives.ReadInt32LittleEndian(ucred);
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]);
        var gid = BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]);
        var groups = new List<uint> { gid };
        groups.AddRange(SupplementaryGroups(pid, uid));
        return new PeerCredentials(uid, groups.Distinct().ToList(), pid);
    }

    private static IEnumerable<uint> SupplementaryGroups(int pid, uint uid)
    {
        string[] lines;
        try { lines = File.ReadAllLines($"/proc/{pid}/status"); }
        catch (IOException) { return []; }
        var uidLine = lines.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var realUid = uidLine?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        if (realUid != uid.ToString(CultureInfo.InvariantCulture)) return []; // pid reused: trust only ucred
        var groupsLine = lines.FirstOrDefault(l => l.StartsWith("Groups:", StringComparison.Ordinal));
        if (groupsLine is null) return [];
        return groupsLine[7..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(g => uint.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : uint.MaxValue)
            .Where(n => n != uint.MaxValue).ToList();
    }
}
