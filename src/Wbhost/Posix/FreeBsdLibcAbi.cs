using System.Text;

namespace WifiBridge.Cli.Posix;

/// <summary>FreeBSD libc: <c>sockaddr_un { u_char sun_len; sa_family_t sun_family (1 byte); char sun_path[104]; }</c> (sys/un.h); errno from sys/errno.h.</summary>
internal sealed class FreeBsdLibcAbi : LibcAbi
{
    public override int EIntR => 4;
    public override int EAgain => 35;
    public override int ENoEnt => 2;
    public override int EAccess => 13;
    public override int EPipe => 32;
    public override int EConnRefused => 61;

    public override int WriteAddress(Span<byte> address, string path)
    {
        const int pathOffset = 2, pathCapacity = 104;
        if (Encoding.UTF8.GetByteCount(path) >= pathCapacity)
            return -1;
        address[..(pathOffset + pathCapacity)].Clear();
        var length = pathOffset + Encoding.UTF8.GetBytes(path, address[pathOffset..]) + 1;
        address[0] = (byte)length; // sun_len: the length passed to connect(2), which the kernel sets it to anyway
        address[1] = LibcIo.AfUnix;
        return length;
    }
}
