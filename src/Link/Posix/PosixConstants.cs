namespace WifiBridge.Link.Posix;

/// <summary>Flag and errno values that differ between Linux and FreeBSD, chosen at run time.</summary>
internal static class PosixConstants
{
    private static readonly bool FreeBsd = OperatingSystem.IsFreeBSD();

    public const int ORdWr = 2;
    public static int ONonBlock => FreeBsd ? 0x0004 : 0x0800;
    public static int ONoCtty => FreeBsd ? 0x8000 : 0x0100;
    public static int OCloExec => FreeBsd ? 0x0010_0000 : 0x0008_0000;

    public const short PollIn = 0x0001;
    public const short PollOut = 0x0004;
    public const short PollErr = 0x0008;
    public const short PollHup = 0x0010;
    public const short PollNval = 0x0020;

    public const int EIntr = 4;
    public static int EAgain => FreeBsd ? 35 : 11;

    public const int TcsaNow = 0;

    /// <summary>c_cflag's CLOCAL (ignore modem control lines: nmdm and emulated UARTs have no carrier).</summary>
    public static uint CLocal => FreeBsd ? 0x8000u : 0x0800u;

    /// <summary>c_cflag's CREAD (enable the receiver).</summary>
    public static uint CRead => FreeBsd ? 0x0800u : 0x0080u;
}
