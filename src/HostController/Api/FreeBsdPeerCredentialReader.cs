using System.Buffers.Binary;
using System.Net.Sockets;

namespace WifiBridge.HostController.Api;

/// <summary>FreeBSD: getsockopt(0, LOCAL_PEERCRED) fills struct xucred { u_int cr_version; uid_t cr_uid;
/// short cr_ngroups; gid_t cr_groups[XU_NGROUPS=16]; union { void *_cr_unused1; pid_t cr_pid; } (13+) } (sys/ucred.h)
/// — effective uid and all groups. On LP64 the union is pointer-aligned: cr_pid sits at offset 80, size 88.</summary>
public sealed class FreeBsdPeerCredentialReader : IPeerCredentialReader
{
    private const int SolLocal = 0;
    private const int LocalPeerCred = 1;
    private const uint XucredVersion = 0;

    public PeerCredentials? Read(Socket socket)
    {
        Span<byte> xucred = stackalloc byte[88];
        var len = socket.GetRawSocketOption(SolLocal, LocalPeerCred, xucred);
        if (len < 12 || BinaryPrimitives.ReadUInt32LittleEndian(xucred) != XucredVersion) return null;
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(xucred[4..]);
        var ngroups = Math.Clamp((int)BinaryPrimitives.ReadInt16LittleEndian(xucred[8..]), 0, 16);
        var groups = new List<uint>();
        for (var i = 0; i < ngroups && 12 + 4 * i + 4 <= len; i++)
            groups.Add(BinaryPrimitives.ReadUInt32LittleEndian(xucred[(12 + 4 * i)..]));
        var pid = len >= 84 ? BinaryPrimitives.ReadInt32LittleEndian(xucred[80..]) : 0;
        return new PeerCredentials(uid, groups, pid);
    }
}
