using System.Runtime.InteropServices;

namespace WifiBridge.Link.Posix;

/// <summary>
/// A character device as a link channel: /dev/vportNpM in the guest, a serial tty
/// (/dev/ttyS1, /dev/nmdm1B, a pty in the lab). Opened non-blocking; one reader and one
/// writer, each waiting in poll() with a short timeout so a lost wakeup costs at most that
/// timeout. Reading EOF or POLLHUP (virtio-console before the host ever connected) sleeps
/// instead of spinning. Terminals are switched to raw mode.
/// </summary>
public sealed unsafe class PosixDeviceChannel : ILinkChannel
{
    private static readonly TimeSpan IdleBackoff = TimeSpan.FromMilliseconds(100);
    private const int PollTimeoutMs = 250;

    private readonly int _fd;
    private readonly TimeSpan _writeTimeout;
    private int _disposed;
    private int _busy;
    private int _closed;
    private long _droppedBytes;

    private PosixDeviceChannel(int fd, string path, TimeSpan writeTimeout)
    {
        _fd = fd;
        Description = path;
        _writeTimeout = writeTimeout;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Bytes given up because the device would not take them within the write timeout.</summary>
    public long DroppedBytes => Interlocked.Read(ref _droppedBytes);

    /// <summary>
    /// Opens <paramref name="path"/> read-write, non-blocking, without becoming its controlling
    /// terminal; puts it in raw mode when it is a tty. Throws <see cref="IOException"/> with the
    /// cause and a fix (busy: another process holds the port; permission: run as root).
    /// </summary>
    /// <param name="path">The device.</param>
    /// <param name="writeTimeout">How long a write may wait for the device before its bytes are dropped (the link retransmits).</param>
    public static PosixDeviceChannel Open(string path, TimeSpan? writeTimeout = null)
    {
        var fd = LibC.Open(path, PosixConstants.ORdWr | PosixConstants.ONonBlock | PosixConstants.ONoCtty | PosixConstants.OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var hint = errno switch
            {
                16 => " (device busy: another process has it open; only one opener is allowed)",
                13 => " (permission denied: run as root or fix the device's permissions)",
                2 => " (no such device)",
                _ => "",
            };
            throw new IOException($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}{hint}");
        }
        try
        {
            if (TerminalRawMode.IsTerminal(fd))
                TerminalRawMode.Apply(fd, path);
        }
        catch
        {
            LibC.Close(fd);
            throw;
        }
        return new PosixDeviceChannel(fd, path, writeTimeout ?? TimeSpan.FromSeconds(2));
    }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // Blocking by design: the link runs its reader on a dedicated thread.
        Enter();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfDisposed();
                var events = WaitFor(PosixConstants.PollIn);
                if (events == 0)
                    continue;
                nint n;
                fixed (byte* p = buffer.Span)
                    n = LibC.Read(_fd, p, (nuint)buffer.Length);
                if (n > 0)
                    return ValueTask.FromResult((int)n);
                if (n == 0)
                {
                    // EOF: no host on the virtio port yet (or a hung-up tty). Wait, don't spin.
                    cancellationToken.WaitHandle.WaitOne(IdleBackoff);
                    continue;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == PosixConstants.EAgain || errno == PosixConstants.EIntr)
                {
                    if ((events & (PosixConstants.PollHup | PosixConstants.PollErr)) != 0)
                        cancellationToken.WaitHandle.WaitOne(IdleBackoff);
                    continue;
                }
                throw new IOException($"read from {Description} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            var deadline = Environment.TickCount64 + (long)_writeTimeout.TotalMilliseconds;
            var remaining = buffer;
            while (!remaining.IsEmpty)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfDisposed();
                nint n;
                fixed (byte* p = remaining.Span)
                    n = LibC.Write(_fd, p, (nuint)remaining.Length);
                if (n > 0)
                {
                    remaining = remaining[(int)n..];
                    continue;
                }
                var errno = n < 0 ? Marshal.GetLastPInvokeError() : PosixConstants.EAgain;
                if (errno != PosixConstants.EAgain && errno != PosixConstants.EIntr)
                    throw new IOException($"write to {Description} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                if (Environment.TickCount64 >= deadline)
                {
                    // The other end is not taking bytes (host absent): drop, the link retransmits.
                    Interlocked.Add(ref _droppedBytes, remaining.Length);
                    break;
                }
                if (WaitFor(PosixConstants.PollOut) is var events && (events & PosixConstants.PollOut) == 0)
                {
                    if ((events & (PosixConstants.PollHup | PosixConstants.PollErr)) != 0)
                        cancellationToken.WaitHandle.WaitOne(IdleBackoff);
                }
            }
            return ValueTask.CompletedTask;
        }
        finally
        {
            Exit();
        }
    }

    private short WaitFor(short wanted)
    {
        var pfd = new LibC.PollFd { Fd = _fd, Events = wanted };
        var rc = LibC.Poll(&pfd, 1, PollTimeoutMs);
        if (rc < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == PosixConstants.EIntr)
                return 0;
            throw new IOException($"poll on {Description} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        if ((pfd.Revents & PosixConstants.PollNval) != 0)
            throw new IOException($"{Description} is no longer open");
        return rc == 0 ? (short)0 : pfd.Revents;
    }

    private void Enter() => Interlocked.Increment(ref _busy);

    private void Exit()
    {
        if (Interlocked.Decrement(ref _busy) == 0 && Volatile.Read(ref _disposed) == 1)
            CloseOnce();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void CloseOnce()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
            LibC.Close(_fd);
    }

    /// <summary>Closes the device once no read or write is using it (they notice within the poll timeout).</summary>
    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        if (Interlocked.CompareExchange(ref _busy, 0, 0) == 0)
            CloseOnce();
        return ValueTask.CompletedTask;
    }
}
