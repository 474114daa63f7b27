namespace WifiBridge.Link.Tests.Fakes;

/// <summary>The guest's end of a <see cref="FakeBhyveConsole"/> port: a bounded receive queue (virtqueue descriptors).</summary>
public sealed class GuestPort : ILinkChannel
{
    private readonly FakeBhyveConsole _console;
    private readonly int _capacity;
    private readonly object _lock = new();
    private readonly Queue<byte[]> _queue = new();
    private int _queued;
    private int _headOffset;
    private bool _closed;
    private TaskCompletionSource? _waiter;

    internal GuestPort(FakeBhyveConsole console, int capacity)
    {
        _console = console;
        _capacity = capacity;
    }

    public string Description => $"fake-vport({_console.SocketPath})";

    internal bool TryDeliver(ReadOnlySpan<byte> bytes)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (_closed || _queued + bytes.Length > _capacity)
                return false;
            _queue.Enqueue(bytes.ToArray());
            _queued += bytes.Length;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
        return true;
    }

    internal void MarkClosed()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _closed = true;
            waiter = _waiter;
            _waiter = null;
        }
        waiter?.TrySetResult();
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_queue.Count > 0)
                {
                    var copied = 0;
                    while (copied < buffer.Length && _queue.Count > 0)
                    {
                        var head = _queue.Peek();
                        var n = Math.Min(head.Length - _headOffset, buffer.Length - copied);
                        head.AsSpan(_headOffset, n).CopyTo(buffer.Span[copied..]);
                        copied += n;
                        _headOffset += n;
                        if (_headOffset == head.Length)
                        {
                            _queue.Dequeue();
                            _headOffset = 0;
                        }
                    }
                    _queued -= copied;
                    return copied;
                }
                if (_closed)
                    throw new ObjectDisposedException(Description);
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_closed)
                throw new ObjectDisposedException(Description);
        }
        _console.WriteFromGuest(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        MarkClosed();
        return ValueTask.CompletedTask;
    }
}
