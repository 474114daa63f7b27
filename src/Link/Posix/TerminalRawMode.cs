using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace WifiBridge.Link.Posix;

/// <summary>
/// Puts a tty in raw mode (no echo, no line discipline, 8-bit clean) so frames pass unchanged.
/// Why cfmakeraw through an opaque buffer: struct termios is 60 bytes on Linux and 44 on
/// FreeBSD with different c_cc layouts, so we never declare it; libc's own tcgetattr,
/// cfmakeraw and tcsetattr fill and read a 256-byte buffer that is larger than either.
/// The only field touched directly is c_cflag, the third 32-bit word on both systems, to set
/// CLOCAL|CREAD (no carrier on nmdm or an emulated UART). Spawning stty was rejected: its
/// option is -F on Linux and -f on FreeBSD, and the static guest must not depend on a shell tool.
/// </summary>
internal static unsafe class TerminalRawMode
{
    private const int TermiosBufferBytes = 256;
    private const int CFlagOffset = 8;

    /// <summary>True when <paramref name="fd"/> is a terminal.</summary>
    public static bool IsTerminal(int fd) => LibC.IsATty(fd) == 1;

    /// <summary>Switches the terminal to raw mode; throws <see cref="IOException"/> naming the device on failure.</summary>
    public static void Apply(int fd, string device)
    {
        var termios = stackalloc byte[TermiosBufferBytes];
        new Span<byte>(termios, TermiosBufferBytes).Clear();
        if (LibC.TcGetAttr(fd, termios) != 0)
            throw Error("tcgetattr", device);
        LibC.CfMakeRaw(termios);
        var cflag = new Span<byte>(termios + CFlagOffset, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(cflag,
            BinaryPrimitives.ReadUInt32LittleEndian(cflag) | PosixConstants.CLocal | PosixConstants.CRead);
        if (LibC.TcSetAttr(fd, PosixConstants.TcsaNow, termios) != 0)
            throw Error("tcsetattr", device);
    }

    private static IOException Error(string call, string device)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"cannot put {device} in raw mode ({call}: {Marshal.GetPInvokeErrorMessage(errno)}); is it a serial device?");
    }
}
