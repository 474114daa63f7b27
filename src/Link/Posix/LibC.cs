using System.Reflection;
using System.Runtime.InteropServices;

namespace WifiBridge.Link.Posix;

/// <summary>
/// The few libc calls the device channel needs (open/poll/read/write/close and termios).
/// Only argument types that are identical on Linux and FreeBSD (amd64) are used; the
/// termios struct, which differs, is handled as an opaque buffer (see <see cref="TerminalRawMode"/>).
/// The guest's static native-AOT build links these directly (DirectPInvoke "libc").
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    static LibC()
    {
        // "libc" alone resolves to a linker script on some systems; name the real shared object.
        NativeLibrary.SetDllImportResolver(typeof(LibC).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return IntPtr.Zero;
        var soname = OperatingSystem.IsFreeBSD() ? "libc.so.7" : "libc.so.6";
        return NativeLibrary.TryLoad(soname, out var handle) ? handle : IntPtr.Zero;
    }

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "isatty", SetLastError = true)]
    public static partial int IsATty(int fd);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(byte* termios);

    /// <summary>struct pollfd: same layout on Linux and FreeBSD.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
