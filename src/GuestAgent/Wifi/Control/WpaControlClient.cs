using WifiBridge.GuestAgent.Wifi.Parsing;

namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>
/// wpa_supplicant's ctrl_iface over UNIX datagram sockets. One request socket (requests are
/// serialized: replies are untagged) and one ATTACHed monitor socket for `&lt;N&gt;` events.
/// A background loop keeps the pair open: it detects a terminated, killed or hung
/// wpa_supplicant (CTRL-EVENT-TERMINATING, send errors, unanswered keep-alive PING),
/// then re-opens and re-ATTACHes as soon as the socket answers again and raises
/// <see cref="Connected"/> so the station can re-apply its desired state.
/// </summary>
public sealed class WpaControlClient : IWpaControl, IAsyncDisposable
{
    private static readonly TimeSpan KeepAliveIdle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KeepAliveReply = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly ILogger<WpaControlClient> _log;
    private readonly string _localDirectory;
    private readonly TimeSpan _requestTimeout;
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly object _sync = new();
    private CancellationTokenSource? _runCts;
    private Task _runTask = Task.CompletedTask;
    private WpaControlSocket? _request;
    private string? _controlPath;
    private volatile bool _connected;

    public WpaControlClient(ILogger<WpaControlClient> log, string localDirectory, TimeSpan? requestTimeout = null)
    {
        _log = log;
        _localDirectory = localDirectory;
        _requestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5);
    }

    public bool IsConnected => _connected;

    /// <summary>The wpa_supplicant socket this client follows, or null when detached.</summary>
    public string? ControlPath => _controlPath;

    public event Action<WpaEvent>? EventReceived;
    public event Action<bool>? Connected;
    public event Action? ConnectionLost;

    /// <summary>Follows the control socket at <paramref name="controlPath"/> (e.g. /run/wpa_supplicant/wlan0) until detached or disposed.</summary>
    public async Task AttachAsync(string controlPath)
    {
        if (_controlPath == controlPath && !_runTask.IsCompleted) return;
        await DetachAsync().ConfigureAwait(false);
        lock (_sync)
        {
            _controlPath = controlPath;
            _runCts = new CancellationTokenSource();
            var token = _runCts.Token;
            _runTask = Task.Run(() => RunAsync(controlPath, token));
        }
    }

    public async Task DetachAsync()
    {
        CancellationTokenSource? cts;
        Task run;
        lock (_sync)
        {
            cts = _runCts;
            run = _runTask;
            _runCts = null;
            _controlPath = null;
        }
        if (cts is null) return;
        await cts.CancelAsync().ConfigureAwait(false);
        try { await run.ConfigureAwait(false); } catch (OperationCanceledException) { }
        cts.Dispose();
    }

    public async Task<string> RequestAsync(string command, CancellationToken cancellationToken = default)
    {
        if (!_connected) throw NotRunning();
        await _requestGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var socket = _request ?? ReopenRequestSocket() ?? throw NotRunning();
            try
            {
                await socket.SendAsync(command, cancellationToken).ConfigureAwait(false);
                var deadline = DateTime.UtcNow + _requestTimeout;
                while (true)
                {
                    var left = deadline - DateTime.UtcNow;
                    var reply = left > TimeSpan.Zero ? await socket.ReceiveAsync(left, cancellationToken).ConfigureAwait(false) : null;
                    if (reply is null)
                    {
                        WpaControlLog.RequestTimedOut(_log, Verb(command), _requestTimeout.TotalSeconds);
                        DiscardRequestSocket(socket);
                        throw new WpaTimeoutException($"wpa_supplicant did not answer {Verb(command)} within {_requestTimeout.TotalSeconds:0.#} s; it may be hung (the agent restarts it if it stops answering)");
                    }
                    if (reply.StartsWith('<')) continue; // never expected on an un-ATTACHed socket; skip defensively
                    return reply.EndsWith('\n') ? reply[..^1] : reply;
                }
            }
            catch (OperationCanceledException)
            {
                DiscardRequestSocket(socket); // its reply may still arrive: never let it answer the next request
                throw;
            }
            catch (ObjectDisposedException e)
            {
                throw new WpaUnavailableException("wpa_supplicant connection was reset while the command was running; retry", e);
            }
            catch (WpaUnavailableException)
            {
                DiscardRequestSocket(socket);
                throw;
            }
        }
        finally
        {
            _requestGate.Release();
        }
    }

    private static WpaUnavailableException NotRunning()
        => new("wpa_supplicant is not running or is restarting; retry in a few seconds (the agent supervises it)");

    private static string Verb(string command)
    {
        var space = command.IndexOf(' ');
        return space < 0 ? command : command[..space];
    }

    private WpaControlSocket? ReopenRequestSocket()
    {
        var path = _controlPath;
        if (path is null) return null;
        try
        {
            var fresh = WpaControlSocket.Open(path, _localDirectory);
            lock (_sync) _request = fresh;
            return fresh;
        }
        catch (WpaUnavailableException) { return null; }
    }

    private void DiscardRequestSocket(WpaControlSocket socket)
    {
        lock (_sync) { if (ReferenceEquals(_request, socket)) _request = null; }
        socket.Dispose();
    }

    private async Task RunAsync(string path, CancellationToken ct)
    {
        var wasConnected = false;
        var loggedWaiting = false;
        while (!ct.IsCancellationRequested)
        {
            WpaControlSocket? monitor = null;
            var connectedThisRound = false;
            try
            {
                monitor = WpaControlSocket.Open(path, _localDirectory);
                await monitor.SendAsync("ATTACH", ct).ConfigureAwait(false);
                var reply = await monitor.ReceiveAsync(KeepAliveReply, ct).ConfigureAwait(false);
                if (reply?.TrimEnd('\n') != "OK")
                    throw new WpaUnavailableException($"ATTACH was answered with '{(reply ?? "nothing").Trim()}'");
                var request = WpaControlSocket.Open(path, _localDirectory);
                WpaControlSocket? old;
                lock (_sync) { old = _request; _request = request; }
                old?.Dispose();
                _connected = connectedThisRound = true;
                loggedWaiting = false;
                WpaControlLog.Attached(_log, path, wasConnected);
                Connected?.Invoke(wasConnected);
                await MonitorAsync(monitor, ct).ConfigureAwait(false);
            }
            catch (WpaUnavailableException e)
            {
                if (!loggedWaiting) { WpaControlLog.WaitingForSocket(_log, path, e.Message); loggedWaiting = true; }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                WpaControlLog.MonitorFailed(_log, e);
            }
            finally
            {
                monitor?.Dispose();
                if (connectedThisRound)
                {
                    _connected = false;
                    WpaControlSocket? request;
                    lock (_sync) { request = _request; _request = null; }
                    request?.Dispose();
                    wasConnected = true;
                    WpaControlLog.ConnectionLost(_log, path);
                    ConnectionLost?.Invoke();
                }
            }
            try { await Task.Delay(RetryDelay, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Reads events until wpa_supplicant goes away; returns to let the caller reconnect.</summary>
    private async Task MonitorAsync(WpaControlSocket monitor, CancellationToken ct)
    {
        var awaitingPong = false;
        while (!ct.IsCancellationRequested)
        {
            var message = await monitor.ReceiveAsync(awaitingPong ? KeepAliveReply : KeepAliveIdle, ct).ConfigureAwait(false);
            if (message is null)
            {
                if (awaitingPong)
                {
                    WpaControlLog.KeepAliveUnanswered(_log);
                    return;
                }
                await monitor.SendAsync("PING", ct).ConfigureAwait(false);
                awaitingPong = true;
                continue;
            }
            awaitingPong = false;
            if (!message.StartsWith('<')) continue; // PONG, or a late ATTACH reply
            var evt = WpaEventParser.Parse(message);
            if (evt is null)
            {
                WpaControlLog.GarbageEvent(_log, message.Length);
                continue;
            }
            try { EventReceived?.Invoke(evt); }
            catch (Exception e) { WpaControlLog.EventHandlerFailed(_log, evt.Name, e); }
            if (evt.Name == "CTRL-EVENT-TERMINATING") return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DetachAsync().ConfigureAwait(false);
        lock (_sync) { _request?.Dispose(); _request = null; }
    }
}
