namespace WifiBridge.Cli.Posix;

/// <summary>
/// What differs between the C libraries the CLI runs on: the <c>sockaddr_un</c> layout and the errno
/// values the CLI acts on. Chosen at start-up; null where the CLI has no table (the caller then uses the
/// Grpc.Net.Client path, which needs none).
/// </summary>
internal abstract class LibcAbi
{
    public static LibcAbi? Current { get; } =
        OperatingSystem.IsLinux() ? new LinuxLibcAbi() : OperatingSystem.IsFreeBSD() ? new FreeBsdLibcAbi() : null;

    public abstract int EIntR { get; }
    public abstract int EAgain { get; }
    public abstract int ENoEnt { get; }
    public abstract int EAccess { get; }
    public abstract int EConnRefused { get; }
    public abstract int EPipe { get; }

    /// <summary>Writes a <c>sockaddr_un</c> for <paramref name="path"/> (UTF-8, NUL-terminated) into
    /// <paramref name="address"/>; returns its length, or -1 when the path does not fit.</summary>
    public abstract int WriteAddress(Span<byte> address, string path);

    /// <summary>The largest <c>sockaddr_un</c> of any table here.</summary>
    public const int MaxAddressLength = 110;
}
