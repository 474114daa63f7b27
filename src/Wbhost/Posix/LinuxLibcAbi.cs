using System.Text;

namespace WifiBridge.Cli.Posix;

/// <summary>glibc/musl on Linux: <c>sockaddr_un { sa_family_t sun_family (2 bytes); char sun_path[108]; }</c>; errno from asm-generic/errno.h.</summary>
internal sealed class LinuxLibcAbi : LibcAbi
{
    public override int EIntR => 4;
    public override int EAgain => 11;
    public override int ENoEnt => 2;
    public override int EAccess => 13;
    public override int EPipe => 32;
    public override int EConnRefused => 111;

    public override int WriteAddress(Span<byte> address, string path)
    {
        const int pathOffset = 2, pathCapacity = 108;
        if (Encoding.UTF8.GetByteCount(path) >= pathCapacity)
            return -1;
        address[..(pathOffset + pathCapacity)].Clear();
        address[0] = LibcIo.AfUnix; // little-endian 16-bit sun_family
        var length = Encoding.UTF8.GetBytes(path, address[pathOffset..]);
        return pathOffset + length + 1;
    }
}
