using System.Net.Sockets;
using WifiBridge.Cli.Daemon;


namespace WifiBridge.Cli.Posix;

/// <summary>
/// A connected UNIX stream socket driven with plain blocking libc calls on the calling thread.
/// For the CLI's one-shot reads: System.Net.Sockets would start its epoll event thread and load
/// six more assemblies, a large share of a short-lived process (bench/CliBench).
/// Reads wait with poll(2) in short slices so a deadline or Ctrl-C (the cancellation token) ends them.
/// </summary>
internal sealed unsafe class UnixStreamSocket : IDisposable
{
    private const int PollSliceMilliseconds = 100;

    private readonly LibcAbi _abi;
    private int _fd;

    private UnixStreamSocket(LibcAbi abi, int fd)
    {
        _abi = abi;
        _fd = fd;
    }

    /// <summary>
    /// Connects to <paramref name="path"/>. A missing socket, a refused connection and a permission
    /// problem raise <see cref="DaemonUnreachableException"/> (the CLI's "daemon not running" and
    /// "join the group" messages); anything else <see cref="FastPathUnsupportedException"/>, so the
    /// caller retries through System.Net.Sockets, which reports it.
    /// </summary>
    public static UnixStreamSocket Connect(string path)
    {
        var abi = LibcAbi.Current ?? throw new FastPathUnsupportedException("no socket table for this OS");
        // A heap buffer, not stackalloc: a method with stackalloc is compiled fully optimised at once (slower to JIT).
        var address = new byte[LibcAbi.MaxAddressLength];
        var length = abi.WriteAddress(address, path);
        if (length < 0)
            throw new FastPathUnsupportedException("socket path too long");
        var fd = LibcIo.Socket(LibcIo.AfUnix, LibcIo.SockStream, 0);
        if (fd < 0)
            throw new FastPathUnsupportedException("socket(2) failed");
        int result, errno;
        fixed (byte* start = address)
        {
            do
            {
                result = LibcIo.Connect(fd, start, (uint)length);
                errno = result < 0 ? System.Runtime.InteropServices.Marshal.GetLastPInvokeError() : 0;
            }
            while (result < 0 && errno == abi.EIntR);
        }
        if (result == 0)
            return new UnixStreamSocket(abi, fd);
        LibcIo.Close(fd);
        throw Unreachable(abi, path, errno);
    }

    private static Exception Unreachable(LibcAbi abi, string path, int errno)
    {
        // The same SocketError values System.Net.Sockets reports for these errno values.
        SocketError? error = errno == abi.ENoEnt ? SocketError.AddressNotAvailable
            : errno == abi.EConnRefused ? SocketError.ConnectionRefused
            : errno == abi.EAccess ? SocketError.AccessDenied
            : null;
        return error is { } known
            ? new DaemonUnreachableException(path, known, new IOException($"connect(2): errno {errno}"))
            : new FastPathUnsupportedException($"connect(2): errno {errno}");
    }

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            for (var written = 0; written < data.Length;)
            {
                var n = LibcIo.Write(Fd, start + written, (nuint)(data.Length - written));
                if (n < 0)
                {
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno == _abi.EIntR || errno == _abi.EAgain)
                        continue;
                    throw new IOException($"write to wbhostd failed (errno {errno})");
                }
                written += (int)n;
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; <see cref="TimeoutException"/> past the deadline, <see cref="OperationCanceledException"/> on cancellation.</summary>
    public void ReadExactly(byte[] buffer, DateTime? deadline, CancellationToken cancellationToken)
    {
        for (var read = 0; read < buffer.Length;)
        {
            WaitReadable(deadline, cancellationToken);
            nint n;
            fixed (byte* start = buffer)
                n = LibcIo.Read(Fd, start + read, (nuint)(buffer.Length - read));
            if (n < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == _abi.EIntR || errno == _abi.EAgain)
                    continue;
                throw new IOException($"read from wbhostd failed (errno {errno})");
            }
            if (n == 0)
                throw new EndOfStreamException("wbhostd closed the connection");
            read += (int)n;
        }
    }

    private void WaitReadable(DateTime? deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = PollSliceMilliseconds;
            if (deadline is { } due)
            {
                var left = (due - DateTime.UtcNow).TotalMilliseconds;
                if (left <= 0)
                    throw new TimeoutException();
                slice = (int)Math.Min(Math.Ceiling(left), PollSliceMilliseconds);
            }
            var poll = new LibcIo.PollFd { Fd = Fd, Events = LibcIo.PollIn };
            var ready = LibcIo.Poll(&poll, 1, slice);
            if (ready > 0)
                return; // readable, or hung up / failed: read(2) says which
            if (ready < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != _abi.EIntR)
                    throw new IOException($"poll on wbhostd's socket failed (errno {errno})");
            }
        }
    }

    private int Fd => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(UnixStreamSocket));

    public void Dispose()
    {
        if (_fd >= 0)
        {
            LibcIo.Close(_fd);
            _fd = -1;
        }
    }
}
