namespace WifiBridge.Cli.Posix;

/// <summary>
/// Write-only standard output or error (fd 1 or 2) through write(2), without System.Console (its
/// assembly and terminal set-up are a visible share of a one-shot CLI's start-up, bench/CliBench).
/// Behaves like Console.OpenStandardOutput on Unix: a closed reader (EPIPE, e.g. `wbhost scan | head -1`)
/// drops the rest silently; EINTR and EAGAIN are retried. Falls back to System.Console where
/// <see cref="LibcAbi"/> has no table.
/// </summary>
internal sealed unsafe class StandardOutputStream : Stream
{
    private readonly int _fd;
    private readonly LibcAbi _abi;
    private bool _readerGone;

    private StandardOutputStream(int fd, LibcAbi abi)
    {
        _fd = fd;
        _abi = abi;
    }

    public static Stream Output() => LibcAbi.Current is { } abi ? new StandardOutputStream(1, abi) : ConsoleStream(1);

    public static Stream Error() => LibcAbi.Current is { } abi ? new StandardOutputStream(2, abi) : ConsoleStream(2);

    // Apart so that compiling Output() and Error() does not load System.Console.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Stream ConsoleStream(int fd) => fd == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            for (var written = 0; written < buffer.Length && !_readerGone;)
            {
                var n = LibcIo.Write(_fd, start + written, (nuint)(buffer.Length - written));
                if (n >= 0)
                {
                    written += (int)n;
                    continue;
                }
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == _abi.EPipe)
                    _readerGone = true;
                else if (errno == _abi.EAgain)
                    WaitWritable();
                else if (errno != _abi.EIntR)
                    throw new IOException($"write to fd {_fd} failed (errno {errno})");
            }
        }
    }

    private void WaitWritable()
    {
        var poll = new LibcIo.PollFd { Fd = _fd, Events = LibcIo.PollOut };
        LibcIo.Poll(&poll, 1, -1);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
