using System.Net.Sockets;
using System.Text;
using WifiBridge.Cli.Daemon;
using WifiBridge.Cli.Posix;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>The libc UNIX socket under the fast path: the errors the CLI turns into messages, deadlines, Ctrl-C.</summary>
public sealed class UnixStreamSocketTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wbhost-socket-").FullName;

    [Fact]
    public void MissingSocketIsUnreachableLikeSystemNetSockets()
    {
        var path = Path.Combine(_directory, "absent.sock");
        var error = Assert.Throws<DaemonUnreachableException>(() => UnixStreamSocket.Connect(path));
        Assert.Equal(SystemNetSocketsError(path), error.Error);
        Assert.Equal(path, error.SocketPath);
    }

    [Fact]
    public void RefusedConnectionIsUnreachableLikeSystemNetSockets()
    {
        var path = Path.Combine(_directory, "stale.sock");
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path)); // never listening: connect() is refused
        var error = Assert.Throws<DaemonUnreachableException>(() => UnixStreamSocket.Connect(path));
        Assert.Equal(SocketError.ConnectionRefused, error.Error);
        Assert.Equal(SystemNetSocketsError(path), error.Error);
    }

    [Fact]
    public void TooLongPathFallsBackToTheGrpcClient()
    {
        var path = Path.Combine(_directory, new string('x', 200) + ".sock");
        Assert.Throws<FastPathUnsupportedException>(() => UnixStreamSocket.Connect(path));
    }

    [Fact]
    public async Task WritesAndReadsExactly()
    {
        var path = Path.Combine(_directory, "echo.sock");
        using var listener = Listen(path);
        var served = Task.Run(() =>
        {
            using var peer = listener.Accept();
            var buffer = new byte[5];
            for (var read = 0; read < buffer.Length;)
                read += peer.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            peer.Send("olleh"u8);
            peer.Send("!"u8);
            return Encoding.ASCII.GetString(buffer);
        });
        using var socket = UnixStreamSocket.Connect(path);
        socket.Write("hello"u8);
        var reply = new byte[6];
        socket.ReadExactly(reply, DateTime.UtcNow.AddSeconds(10), CancellationToken.None);
        Assert.Equal("olleh!", Encoding.ASCII.GetString(reply));
        Assert.Equal("hello", await served.WithTimeout());
    }

    [Fact]
    public void SilentPeerEndsTheReadAtTheDeadline()
    {
        var path = Path.Combine(_directory, "silent.sock");
        using var listener = Listen(path);
        using var socket = UnixStreamSocket.Connect(path);
        Assert.Throws<TimeoutException>(() => socket.ReadExactly(new byte[1], DateTime.UtcNow.AddMilliseconds(300), CancellationToken.None));
    }

    [Fact]
    public async Task CancellationEndsAReadWithoutDeadline()
    {
        var path = Path.Combine(_directory, "cancel.sock");
        using var listener = Listen(path);
        using var socket = UnixStreamSocket.Connect(path);
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var read = Task.Run(() => socket.ReadExactly(new byte[1], null, interrupt.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WithTimeout(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void PeerClosingMidReadIsEndOfStream()
    {
        var path = Path.Combine(_directory, "closing.sock");
        using var listener = Listen(path);
        using var socket = UnixStreamSocket.Connect(path);
        using (var peer = listener.Accept())
            peer.Send("ab"u8);
        Assert.Throws<EndOfStreamException>(() => socket.ReadExactly(new byte[3], DateTime.UtcNow.AddSeconds(10), CancellationToken.None));
    }

    private static Socket Listen(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        return listener;
    }

    private static SocketError SystemNetSocketsError(string path)
    {
        using var reference = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var error = Assert.Throws<SocketException>(() => reference.Connect(new UnixDomainSocketEndPoint(path)));
        return error.SocketErrorCode;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
