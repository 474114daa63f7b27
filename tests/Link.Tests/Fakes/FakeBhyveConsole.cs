using System.Net.Sockets;

namespace WifiBridge.Link.Tests.Fakes;

/// <summary>
/// Plays bhyve's virtio-console port (pci_virtio_console.c): creates and listens on the UNIX
/// socket, serves ONE client and closes a second at once, drops guest->host bytes while no
/// client is connected, reads host bytes in 2 KiB chunks and drops a chunk when the guest's
/// receive queue has no room (the guest is not reading). The guest side is a <see cref="GuestPort"/>.
/// </summary>
public sealed class FakeBhyveConsole : IAsyncDisposable
{
    private const int ChunkBytes = 2048;
    private readonly Socket _listener;
    private readonly object _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private Socket? _client;
    private GuestPort? _guest;

    public FakeBhyveConsole(string socketPath, int guestQueueBytes = 256 * 1024)
    {
        SocketPath = socketPath;
        GuestQueueBytes = guestQueueBytes;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(4);
        _accept = Task.Run(AcceptLoopAsync);
    }

    public string SocketPath { get; }

    public int GuestQueueBytes { get; }

    public int RefusedClients;
    public long DroppedHostToGuest;
    public long DroppedGuestToHost;

    public bool HasClient
    {
        get { lock (_lock) return _client is not null; }
    }

    /// <summary>The guest opens the port (a fresh opener replaces the previous one, as after a guest restart).</summary>
    public GuestPort OpenGuestPort()
    {
        var port = new GuestPort(this, GuestQueueBytes);
        GuestPort? previous;
        lock (_lock)
        {
            previous = _guest;
            _guest = port;
        }
        previous?.MarkClosed();
        return port;
    }

    /// <summary>bhyve drops the host connection (as when the host process dies).</summary>
    public void DropClient()
    {
        Socket? client;
        lock (_lock)
        {
            client = _client;
            _client = null;
        }
        client?.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) { return; }
            lock (_lock)
            {
                if (_client is not null)
                {
                    Interlocked.Increment(ref RefusedClients);
                    socket.Dispose();
                    continue;
                }
                _client = socket;
            }
            _ = Task.Run(() => PumpFromHostAsync(socket));
        }
    }

    private async Task PumpFromHostAsync(Socket socket)
    {
        var buffer = new byte[ChunkBytes];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                    break;
                GuestPort? guest;
                lock (_lock)
                    guest = _guest;
                if (guest is null || !guest.TryDeliver(buffer.AsSpan(0, n)))
                    Interlocked.Add(ref DroppedHostToGuest, n);
            }
        }
        catch (Exception) { }
        lock (_lock)
        {
            if (_client == socket)
                _client = null;
        }
        socket.Dispose();
    }

    internal void WriteFromGuest(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_client is null)
            {
                Interlocked.Add(ref DroppedGuestToHost, bytes.Length);
                return;
            }
            try
            {
                _client.Send(bytes);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The host went away mid-write: bhyve drops the bytes, the guest never notices.
                Interlocked.Add(ref DroppedGuestToHost, bytes.Length);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        DropClient();
        try { await _accept; } catch { }
        File.Delete(SocketPath);
    }
}
