using System.Reflection;
using System.Runtime.InteropServices;

namespace WifiBridge.Cli.Terminal;

/// <summary>
/// The few libc calls the passphrase prompt needs (tcgetattr/tcsetattr/isatty). "libc" is
/// resolved to the real shared object: libc.so.7 on FreeBSD, libc.so.6 on glibc Linux.
/// </summary>
internal static partial class LibC
{
    // struct termios starts with c_iflag, c_oflag, c_cflag, c_lflag (32-bit each) on both
    // Linux and FreeBSD; ECHO is 0x8 and TCSAFLUSH is 2 on both.
    public const int LocalFlagsOffset = 12;
    public const uint Echo = 0x8;
    public const int SetAfterFlush = 2;
    /// <summary>Larger than struct termios on every supported system.</summary>
    public const int TermiosBufferSize = 256;

    static LibC()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibC).Assembly, Resolve);
    }

    /// <summary>Forces the resolver registration (static constructor) before the first call.</summary>
    public static void EnsureResolver() { }

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetTerminalAttributes(int fd, Span<byte> termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetTerminalAttributes(int fd, int optionalActions, ReadOnlySpan<byte> termios);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsTerminal(int fd);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != "libc")
            return IntPtr.Zero;
        var candidate = OperatingSystem.IsFreeBSD() ? "libc.so.7" : OperatingSystem.IsMacOS() ? "libSystem.dylib" : "libc.so.6";
        return NativeLibrary.TryLoad(candidate, assembly, path, out var handle) ? handle : IntPtr.Zero;
    }
}
