using System.Net.Sockets;
using System.Text;

namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>
/// One client datagram socket of the ctrl_iface protocol: bound to a unique path in the
/// runtime directory (wpa_supplicant replies to it) and connected to wpa_supplicant's
/// per-interface socket. Replies are untagged, so callers keep one outstanding request per
/// socket and replace the socket after a timeout (a late reply must never answer the next request).
/// </summary>
public sealed class WpaControlSocket : IDisposable
{
    /// <summary>Replies are read into a buffer this large; longer datagrams are truncated by the kernel.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    private static int s_counter;
    private readonly Socket _socket;
    private readonly string _localPath;
    private readonly byte[] _buffer = new byte[MaxReplyBytes];

    private WpaControlSocket(Socket socket, string localPath)
    {
        _socket = socket;
        _localPath = localPath;
    }

    /// <summary>Opens a socket to <paramref name="serverPath"/>; throws <see cref="WpaUnavailableException"/> naming the path when it is absent or refuses.</summary>
    public static WpaControlSocket Open(string serverPath, string localDirectory)
    {
        Directory.CreateDirectory(localDirectory);
        var local = Path.Combine(localDirectory, $"wbguest-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}");
        File.Delete(local);
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(local));
            socket.Connect(new UnixDomainSocketEndPoint(serverPath));
            return new WpaControlSocket(socket, local);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            File.Delete(local);
            throw new WpaUnavailableException($"wpa_supplicant control socket {serverPath} is not reachable ({e.SocketErrorCode})", e);
        }
    }

    public async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(Encoding.Latin1.GetBytes(command), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new WpaUnavailableException($"wpa_supplicant control socket closed ({e.SocketErrorCode})", e);
        }
    }

    /// <summary>Receives one datagram as Latin-1 text (one char per byte), or null on timeout.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
            return Encoding.Latin1.GetString(_buffer, 0, n);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException e)
        {
            throw new WpaUnavailableException($"wpa_supplicant control socket closed ({e.SocketErrorCode})", e);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        try { File.Delete(_localPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
