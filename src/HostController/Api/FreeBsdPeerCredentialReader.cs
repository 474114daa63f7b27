using System.Buffers.Binary;
using System.Net.Sockets;

namespace WifiBridge.HostController.Api;

/// <summary>FreeBSD: getsockopt(0, LOCAL_PEERCRED) fills struct xucred { u_int cr_version; uid_t cr_uid;
/// short cr_ngroups; gid_t cr_groups[XU_NGROUPS=16]; pid_t cr_pid (13+) } — effective uid and all groups.</summary>
public sealed class FreeBsdPeerCredentialReader : IPeerCredentialReader
{
    private const int SolLocal = 0;
    private const int LocalPeerCred = 1;
    private const uint XucredVersion = 0;

    public PeerCredentials? Read(Socket socket)
    {
        Span<byte> xucred = stackalloc byte[80];
        var len = socket.GetRawSocketOption(SolLocal, LocalPeerCred, xucred);
        if (len < 12 || BinaryPrimitives.ReadUInt32LittleEndian(xucred) != XucredVersion) return null;
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(xucred[4..]);
        var ngroups = Math.Clamp((int)BinaryPrimitives.ReadInt16LittleEndian(xucred[8..]), 0, 16);
        var groups = new List<uint>();
        for (var i = 0; i < ngroups && 12 + 4 * i + 4 <= len; i++)
            groups.Add(BinaryPrimitives.ReadUInt32LittleEndian(xucred[(12 + 4 * i)..]));
        var pid = len >= 80 ? BinaryPrimitives.ReadInt32LittleEndian(xucred[76..]) : 0;
        return new PeerCredentials(uid, groups, pid);
    }
}
