using System.Buffers.Binary;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WifiBridge.Link.Framing;
using WifiBridge.Link.Session;

namespace WifiBridge.Link;

/// <summary>
/// One end of the link on one open channel: a single reader that drains the channel
/// continuously, a single writer, and a timer. Holds at most one live session; on the
/// guest a new host handshake replaces it, on the host <see cref="OpenSessionAsync"/> does.
/// </summary>
public sealed class LinkPeer : IAsyncDisposable, IFrameSink
{
    private const int ReadBufferBytes = 64 * 1024;
    private const int WriteBatchBytes = 64 * 1024;

    private readonly object _lock = new();
    private readonly ILinkChannel _channel;
    private readonly LinkRole _role;
    private readonly LinkOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FrameDecoder _decoder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _writeSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Queue<(FrameHeader Header, byte[] Payload)> _control = new();
    private readonly Channel<LinkSession> _accepted = Channel.CreateBounded<LinkSession>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TaskCompletionSource<string> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LinkSession? _current;
    private ulong _pendingHelloNonce;
    private TaskCompletionSource<(ulong GuestNonce, uint Window)>? _welcome;
    private long _discardedBytes;
    private long _lastUnknownReset;
    private Task _loops = Task.CompletedTask;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _wireBuffer;
    private readonly byte[] _scratch;
    private int _workPending;

    /// <param name="channel">The open channel; owned (disposed with the peer).</param>
    /// <param name="role">Host (starts sessions) or guest (accepts them).</param>
    /// <param name="options">Tunables; both ends should use the same profile.</param>
    /// <param name="logger">Where link events go; never receives payload bytes.</param>
    /// <param name="time">Clock for timers; <see cref="TimeProvider.System"/> by default.</param>
    public LinkPeer(ILinkChannel channel, LinkRole role, LinkOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        _channel = channel;
        _role = role;
        _options = options ?? LinkOptions.Default;
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _decoder = new FrameDecoder(_options.MaxFramePayload);
        _wireBuffer = new byte[WriteBatchBytes + FrameCodec.MaxWireLength(_options.MaxFramePayload)];
        _scratch = new byte[FrameCodec.HeaderLength + _options.MaxFramePayload + FrameCodec.CrcLength];
    }

    /// <summary>The channel's description.</summary>
    public string ChannelDescription => _channel.Description;

    /// <summary>Completes (with the reason) when the channel is closed or broken; the peer is then useless.</summary>
    public Task<string> Completion => _completion.Task;

    /// <summary>Bytes discarded so far because they did not form a valid frame.</summary>
    public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

    /// <summary>Guest role: sessions started by the host, in order.</summary>
    public ChannelReader<LinkSession> AcceptedSessions => _accepted.Reader;

    /// <summary>The live session, if any.</summary>
    public LinkSession? CurrentSession
    {
        get { lock (_lock) return _current; }
    }

    /// <summary>Starts the reader, writer and timer. Call once.</summary>
    public void Start()
    {
        var reader = Task.Factory.StartNew(ReadLoopAsync, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _loops = Task.WhenAll(reader, Task.Run(WriteLoopAsync), Task.Run(TimerLoopAsync));
    }

    /// <summary>
    /// Host role: runs a fresh handshake (new random nonce, Hello repeated until the guest
    /// answers) and returns the new session, replacing any previous one. Waits as long as
    /// <paramref name="cancellationToken"/> allows; throws <see cref="LinkSessionLostException"/>
    /// if the channel fails meanwhile.
    /// </summary>
    public async Task<LinkSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        if (_role != LinkRole.Host)
            throw new InvalidOperationException("only the host side opens link sessions");
        var nonce = NewNonce();
        var welcome = new TaskCompletionSource<(ulong, uint)>(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkSession? previous;
        lock (_lock)
        {
            previous = _current;
            _current = null;
            _pendingHelloNonce = nonce;
            _welcome = welcome;
        }
        previous?.Fail("replaced by a new link session", ResetReason.Closed);
        try
        {
            while (!welcome.Task.IsCompleted)
            {
                if (_completion.Task.IsCompleted)
                    throw new LinkSessionLostException($"link channel {_channel.Description} failed: {_completion.Task.Result}");
                EnqueueControl(new FrameHeader(FrameType.Hello, nonce, 0, 0, (uint)_options.ReceiveBufferBytes), []);
                LinkLog.HelloSent(_logger, nonce, _channel.Description);
                await Task.WhenAny(welcome.Task, _completion.Task, Task.Delay(_options.HandshakeRetryInterval, _time, cancellationToken))
                    .ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_welcome == welcome)
                {
                    _welcome = null;
                    _pendingHelloNonce = 0;
                }
            }
        }
        var (guestNonce, window) = await welcome.Task.ConfigureAwait(false);
        var session = new LinkSession(this, nonce ^ guestNonce, nonce, window, _options, _time);
        lock (_lock)
            _current = session;
        LinkLog.SessionEstablished(_logger, session.Id, _channel.Description);
        return session;
    }

    private static ulong NewNonce()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong value;
        do
        {
            // Not RandomNumberGenerator: on Linux it loads OpenSSL, which a static guest binary
            // must never dlopen (a second libc corrupts thread-local state). A nonce needs to be
            // unpredictable across restarts, not secret: Guid.NewGuid draws from the kernel.
            var guid = Guid.NewGuid().ToByteArray();
            guid.AsSpan(0, 8).CopyTo(bytes);
            value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        } while (value == 0);
        return value;
    }

    // ---- reader ----------------------------------------------------------------------

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[ReadBufferBytes];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = await _channel.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    Complete("the other end closed the channel");
                    return;
                }
                _decoder.Feed(buffer.AsSpan(0, n), this);
                // One wake-up per read batch: acknowledgements for all frames in it go out together.
                if (CurrentSession is { AckPending: true })
                    SignalWriter();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            Complete($"read failed: {e.Message}");
        }
    }

    void IFrameSink.OnDiscarded(int byteCount)
    {
        var total = Interlocked.Add(ref _discardedBytes, byteCount);
        LinkLog.BytesDiscarded(_logger, byteCount, _channel.Description, total);
    }

    void IFrameSink.OnFrame(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        switch (header.Type)
        {
            case FrameType.Hello when _role == LinkRole.Guest:
                OnHello(header);
                break;
            case FrameType.Welcome when _role == LinkRole.Host:
                OnWelcome(header, payload);
                break;
            case FrameType.Data or FrameType.Ack:
                var session = CurrentSession;
                if (session is not null && session.Id == header.SessionId)
                    session.OnFrame(header, payload);
                else
                    AnswerUnknownSession(header.SessionId);
                break;
            case FrameType.Reset:
                var current = CurrentSession;
                if (current is not null && current.Id == header.SessionId)
                {
                    var text = Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 200)]);
                    current.OnPeerReset((ResetReason)header.Seq, text);
                }
                break;
        }
    }

    private void OnHello(in FrameHeader hello)
    {
        LinkSession? previous;
        LinkSession session;
        lock (_lock)
        {
            if (_current is { } live && live.HostNonce == hello.SessionId)
            {
                // A repeated Hello: our Welcome was lost or is still in flight. Answer again.
                EnqueueWelcome(hello.SessionId, live.Id ^ hello.SessionId);
                return;
            }
            previous = _current;
            ulong guestNonce;
            do guestNonce = NewNonce(); while (guestNonce == hello.SessionId);
            session = new LinkSession(this, hello.SessionId ^ guestNonce, hello.SessionId, hello.Window, _options, _time);
            _current = session;
            EnqueueWelcome(hello.SessionId, guestNonce);
        }
        previous?.Fail("the host started a new link session (it reconnected or restarted)", null);
        LinkLog.SessionEstablished(_logger, session.Id, _channel.Description);
        _accepted.Writer.TryWrite(session);
    }

    private void EnqueueWelcome(ulong hostNonce, ulong guestNonce)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, guestNonce);
        EnqueueControl(new FrameHeader(FrameType.Welcome, hostNonce, 0, 0, (uint)_options.ReceiveBufferBytes), payload);
    }

    private void OnWelcome(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != 8)
            return;
        var guestNonce = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        TaskCompletionSource<(ulong, uint)>? welcome;
        lock (_lock)
        {
            if (_welcome is null || _pendingHelloNonce != header.SessionId || guestNonce == 0 || guestNonce == header.SessionId)
                return; // a Welcome to an older Hello: stale, ignore
            welcome = _welcome;
            _welcome = null;
            _pendingHelloNonce = 0;
        }
        welcome.TrySetResult((guestNonce, header.Window));
    }

    private void AnswerUnknownSession(ulong sessionId)
    {
        // Rate-limited so garbage or a confused peer cannot make us flood the channel.
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastUnknownReset);
        if (last != 0 && _time.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(200))
            return;
        Interlocked.Exchange(ref _lastUnknownReset, now);
        LinkLog.UnknownSession(_logger, sessionId, _channel.Description);
        EnqueueControl(new FrameHeader(FrameType.Reset, sessionId, (uint)ResetReason.UnknownSession, 0, 0), "unknown session"u8.ToArray());
    }

    // ---- session callbacks -----------------------------------------------------------

    internal void SignalWriter()
    {
        Volatile.Write(ref _workPending, 1);
        _writeSignal.Writer.TryWrite(true);
    }

    internal void OnSessionEnded(LinkSession session, ResetReason? sendReset, string reason, bool failed)
    {
        lock (_lock)
        {
            // Queue our Reset before forgetting the session: a frame of it arriving in between
            // would otherwise be answered with Reset/unknown first, and the peer would learn the
            // wrong reason (seen under load: "no longer knows this session" instead of "closed").
            if (sendReset is { } why)
                EnqueueControl(new FrameHeader(FrameType.Reset, session.Id, (uint)why, 0, 0), Encoding.UTF8.GetBytes(reason.Length > 200 ? reason[..200] : reason));
            if (_current == session)
                _current = null;
        }
        if (failed)
            LinkLog.SessionLost(_logger, session.Id, reason);
        else
            LinkLog.SessionEnded(_logger, session.Id, reason);
    }

    private void EnqueueControl(in FrameHeader header, byte[] payload)
    {
        lock (_control)
        {
            if (_control.Count >= 16)
                _control.Dequeue();
            _control.Enqueue((header, payload));
        }
        SignalWriter();
    }

    // ---- writer ----------------------------------------------------------------------

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _writeSignal.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                _writeSignal.Reader.TryRead(out _);
                await PumpAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (ChannelClosedException) { }
    }

    /// <summary>
    /// An application write sends its frames itself when nobody else is writing (saves a thread
    /// hop); otherwise whoever holds the writer sends them. The reader never writes inline: a
    /// device write may wait, and the reader must keep draining.
    /// </summary>
    internal ValueTask SendFromCallerAsync()
    {
        Volatile.Write(ref _workPending, 1);
        return PumpAsync();
    }

    private async ValueTask PumpAsync()
    {
        while (true)
        {
            if (!_writeLock.Wait(0))
                return; // the holder sees _workPending and sends our frames too
            try
            {
                while (Interlocked.Exchange(ref _workPending, 0) == 1)
                {
                    while (true)
                    {
                        var length = 0;
                        while (length < WriteBatchBytes)
                        {
                            var n = EncodeControl(_scratch, _wireBuffer.AsSpan(length));
                            if (n == 0)
                                n = CurrentSession?.EncodeNextFrame(_scratch, _wireBuffer.AsSpan(length)) ?? 0;
                            if (n == 0)
                                break;
                            length += n;
                        }
                        if (length == 0)
                            break;
                        await _channel.WriteAsync(_wireBuffer.AsMemory(0, length), _stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Complete($"write failed: {e.Message}");
                return;
            }
            finally
            {
                _writeLock.Release();
            }
            if (Volatile.Read(ref _workPending) == 0)
                return;
        }
    }

    private int EncodeControl(Span<byte> scratch, Span<byte> destination)
    {
        (FrameHeader Header, byte[] Payload) frame;
        lock (_control)
        {
            if (!_control.TryDequeue(out frame))
                return 0;
        }
        return FrameCodec.Encode(frame.Header, frame.Payload, scratch, destination);
    }

    // ---- timer -----------------------------------------------------------------------

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                CurrentSession?.Tick();
        }
        catch (OperationCanceledException) { }
    }

    // ---- lifetime --------------------------------------------------------------------

    private void Complete(string reason)
    {
        if (!_completion.TrySetResult(reason))
            return;
        LinkLog.ChannelFailed(_logger, _channel.Description, reason);
        LinkSession? session;
        TaskCompletionSource<(ulong, uint)>? welcome;
        lock (_lock)
        {
            session = _current;
            welcome = _welcome;
            _current = null;
            _welcome = null;
        }
        session?.Fail($"link channel {_channel.Description} failed: {reason}", null);
        welcome?.TrySetException(new LinkSessionLostException($"link channel {_channel.Description} failed: {reason}"));
        _accepted.Writer.TryComplete();
        _stop.Cancel();
    }

    /// <summary>Stops the loops, ends the live session (telling the peer, best effort) and closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        var session = CurrentSession;
        if (session is not null && !_completion.Task.IsCompleted)
        {
            session.Close();
            // Give the writer a moment to send the Reset so the peer learns at once.
            await Task.WhenAny(WaitControlDrained(), Task.Delay(100)).ConfigureAwait(false);
        }
        Complete("link peer disposed");
        await _channel.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task WaitControlDrained()
    {
        while (true)
        {
            lock (_control)
            {
                if (_control.Count == 0)
                    return;
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
    }
}
