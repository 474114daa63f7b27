using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WifiBridge.Link.Posix;
using WifiBridge.Link.Session;

namespace WifiBridge.Link.Host;

/// <summary>
/// The host end of the link (used by wbhostd). Opens bhyve's UNIX socket (with backoff;
/// bhyve accepts one client) or a serial device, keeps it open across sessions, and runs a
/// fresh handshake for every HTTP/2 connection. Plug <see cref="ConnectCallback"/> into
/// <c>SocketsHttpHandler.ConnectCallback</c> so a GrpcChannel rides on the link.
/// </summary>
public sealed class LinkConnector : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private readonly LinkTarget _target;
    private readonly LinkOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly object _statusLock = new();
    private LinkConnectionStatus _status;
    private LinkPeer? _peer;
    private volatile LinkSession? _session;
    private string? _lastFailure;
    private bool _disposed;

    /// <param name="target">bhyve's socket or the serial device.</param>
    /// <param name="options">Link tunables; defaults to <see cref="LinkOptions.Serial"/> for serial targets, else <see cref="LinkOptions.Default"/>.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="time">Clock.</param>
    public LinkConnector(LinkTarget target, LinkOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _target = target;
        _options = options ?? (target is SerialDeviceLinkTarget ? LinkOptions.Serial : LinkOptions.Default);
        _options.Validate();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<LinkConnector>();
        _time = time ?? TimeProvider.System;
        _status = new LinkConnectionStatus(LinkConnectionState.Down, "not connected yet", _time.GetUtcNow());
    }

    /// <summary>
    /// The current state and its reason. Consistent with the session: once a call has failed
    /// because the link session ended, this already says Down and why.
    /// </summary>
    public LinkConnectionStatus Status
    {
        get
        {
            if (_session is { Ended.IsCompleted: true } ended)
                OnSessionEnded(ended, ended.Ended.Result);
            lock (_statusLock)
                return _status;
        }
    }

    /// <summary>Raised on every state or reason change (on the thread that caused it; keep handlers short).</summary>
    public event Action<LinkConnectionStatus>? StatusChanged;

    /// <summary>The live session, if any (for diagnostics).</summary>
    public LinkSession? CurrentSession => _session is { IsEnded: false } s ? s : null;

    /// <summary>For <c>SocketsHttpHandler.ConnectCallback</c>: every HTTP/2 connection gets a fresh link session.</summary>
    public Func<System.Net.Http.SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback =>
        (_, cancellationToken) => ConnectAsync(cancellationToken);

    /// <summary>
    /// Returns the stream of a new link session, opening the channel first if needed and retrying
    /// (100 ms doubling to 1 s) until it works or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lastFailure = null;
            var delay = FirstRetryDelay;
            while (true)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                cancellationToken.ThrowIfCancellationRequested();
                var peer = _peer;
                if (peer is null || peer.Completion.IsCompleted)
                {
                    if (peer is not null)
                        await peer.DisposeAsync().ConfigureAwait(false);
                    _peer = null;
                    SetStatus(LinkConnectionState.Connecting, $"opening {_target}");
                    try
                    {
                        peer = await OpenPeerAsync(cancellationToken).ConfigureAwait(false);
                        _peer = peer;
                    }
                    catch (Exception e) when (e is IOException or SocketException)
                    {
                        var reason = DescribeOpenFailure(e);
                        _lastFailure = reason;
                        SetStatus(LinkConnectionState.Connecting, reason);
                        LinkLog.ConnectRetry(_logger, _target.ToString()!, reason, (int)delay.TotalMilliseconds);
                        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                        delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
                        continue;
                    }
                }
                SetStatus(LinkConnectionState.Connecting, $"waiting for the guest agent to answer the link handshake on {_target}");
                try
                {
                    var session = await peer.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
                    _session = session;
                    SetStatus(LinkConnectionState.Ready, $"session {session.Id:x16} on {_target}");
                    _ = WatchSessionAsync(session);
                    return session.Stream;
                }
                catch (LinkSessionLostException e)
                {
                    var reason = _target is UnixSocketLinkTarget && _time.GetUtcNow() - Status.Since < TimeSpan.FromSeconds(1)
                        ? $"{e.Message} (bhyve closes a second client at once: is another wbhostd connected?)"
                        : e.Message;
                    _lastFailure = reason;
                    SetStatus(LinkConnectionState.Connecting, reason);
                    LinkLog.ConnectRetry(_logger, _target.ToString()!, reason, (int)delay.TotalMilliseconds);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Say where it stood and, if that was a retry's wait, the failure it was retrying.
            var last = Status;
            if (last.State == LinkConnectionState.Connecting)
                SetStatus(LinkConnectionState.Down, _lastFailure is { } failure && failure != last.Reason
                    ? $"gave up connecting: {last.Reason} (last failure: {failure})"
                    : $"gave up connecting: {last.Reason}");
            throw;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<LinkPeer> OpenPeerAsync(CancellationToken cancellationToken)
    {
        ILinkChannel channel;
        switch (_target)
        {
            case UnixSocketLinkTarget unix:
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(unix.Path), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                channel = new StreamLinkChannel(new NetworkStream(socket, ownsSocket: true), _target.ToString()!);
                break;
            case SerialDeviceLinkTarget serial:
                channel = await Task.Run(() => PosixDeviceChannel.Open(serial.Path), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"unknown link target {_target}");
        }
        var peer = new LinkPeer(channel, LinkRole.Host, _options, _loggerFactory.CreateLogger<LinkPeer>(), _time);
        peer.Start();
        return peer;
    }

    private string DescribeOpenFailure(Exception e) => (_target, e) switch
    {
        (UnixSocketLinkTarget t, _) when !File.Exists(t.Path)
            => $"bhyve socket {t.Path} does not exist: is the VM running?",
        (UnixSocketLinkTarget t, SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            => $"nothing listens on {t.Path} (a stale socket file: the VM is not running; start it)",
        (UnixSocketLinkTarget t, _) => $"cannot connect to bhyve socket {t.Path}: {e.Message}",
        _ => e.Message,
    };

    private async Task WatchSessionAsync(LinkSession session)
    {
        var reason = await session.Ended.ConfigureAwait(false);
        OnSessionEnded(session, reason);
    }

    /// <summary>Ready on <paramref name="session"/> becomes Down; anything else (a newer connect under way) stays.</summary>
    private void OnSessionEnded(LinkSession session, string reason) =>
        SetStatus(LinkConnectionState.Down, $"link session ended: {reason}", endedSession: session);

    private void SetStatus(LinkConnectionState state, string reason, LinkSession? endedSession = null)
    {
        LinkConnectionStatus status;
        lock (_statusLock)
        {
            if (endedSession is not null && (_status.State != LinkConnectionState.Ready || _session != endedSession))
                return;
            if (_status.State == state && _status.Reason == reason)
                return;
            status = _status = new LinkConnectionStatus(state, reason, _time.GetUtcNow());
        }
        LinkLog.StateChanged(_logger, state.ToString(), reason);
        StatusChanged?.Invoke(status);
    }

    /// <summary>Ends the session (telling the guest) and closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_peer is { } peer)
            await peer.DisposeAsync().ConfigureAwait(false);
        _peer = null;
        SetStatus(LinkConnectionState.Down, "link connector disposed");
    }
}
