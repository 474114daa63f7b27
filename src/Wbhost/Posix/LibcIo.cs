using System.Runtime.InteropServices;

namespace WifiBridge.Cli.Posix;

/// <summary>
/// The few libc calls for file-descriptor I/O (a UNIX stream socket, standard output), resolved like the terminal's (<see cref="Terminal.LibC"/>:
/// libc.so.6 on Linux, libc.so.7 on FreeBSD). These functions and their argument types are the same
/// on both; only the socket address layout and errno values differ (<see cref="LibcAbi"/>).
/// </summary>
internal static unsafe partial class LibcIo
{
    static LibcIo() => Terminal.LibC.EnsureResolver();

    public const int AfUnix = 1, SockStream = 1;
    public const short PollIn = 0x1, PollOut = 0x4;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
