using System.Buffers;
using WifiBridge.Link.Framing;

namespace WifiBridge.Link.Session;

/// <summary>
/// One link session: a reliable byte stream over the lossy channel between one host
/// handshake and the next. Go-back-N retransmission with cumulative acknowledgements,
/// an adaptive retransmission timeout, receive-window flow control and a heartbeat.
/// Created by <see cref="LinkPeer"/>; the application only sees <see cref="Stream"/>.
/// </summary>
public sealed class LinkSession
{
    private readonly object _lock = new();
    private readonly LinkPeer _peer;
    private readonly LinkOptions _options;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Sending: segments from the oldest unacknowledged one; _nextIndex = next to (re)transmit.
    private readonly List<SendSegment> _segments = [];
    private int _nextIndex;
    private uint _sendAcked;
    private uint _sendEnd;
    private uint _peerRightEdge;
    private TaskCompletionSource? _spaceWaiter;
    private long _retransmitDeadline;
    private TimeSpan _retransmitTimeout;
    private double _smoothedRttMs = -1;
    private double _rttVarianceMs;
    private bool _rttSampling;
    private uint _rttSampleEnd;
    private long _rttSampleStart;
    private uint _fastRetransmitAck;
    private int _duplicateAcks;

    // Receiving: in-order bytes not yet read by the application.
    private readonly Queue<(byte[] Buffer, int Length)> _received = new();
    private int _receivedHeadOffset;
    private int _receivedBytes;
    private uint _receiveNext;
    private uint _advertisedRightEdge;
    private TaskCompletionSource? _readWaiter;
    private bool _ackPending;
    private bool _ackDelayed;
    private int _bytesSinceAck;

    private long _lastReceived;
    private long _lastSent;
    private bool _isEnded;
    private Exception? _failure;

    internal LinkSession(LinkPeer peer, ulong id, ulong hostNonce, uint peerWindow, LinkOptions options, TimeProvider time)
    {
        _peer = peer;
        Id = id;
        HostNonce = hostNonce;
        _options = options;
        _time = time;
        _peerRightEdge = peerWindow;
        _advertisedRightEdge = (uint)options.ReceiveBufferBytes;
        _retransmitTimeout = options.InitialRetransmitTimeout;
        _lastReceived = _lastSent = time.GetTimestamp();
        Stream = new LinkStream(this);
    }

    /// <summary>The session id every frame of this session carries (host nonce XOR guest nonce).</summary>
    public ulong Id { get; }

    /// <summary>The host's handshake nonce (a repeated Hello with it is answered, not treated as a new session).</summary>
    internal ulong HostNonce { get; }

    /// <summary>The reliable byte stream of this session.</summary>
    public LinkStream Stream { get; }

    /// <summary>Completes with the reason when the session ends, for whatever reason.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Frames retransmitted so far (after a timeout or duplicate acknowledgements).</summary>
    public long RetransmittedFrames { get; private set; }

    /// <summary>An acknowledgement or window update waits to be sent.</summary>
    internal bool AckPending
    {
        get { lock (_lock) return _ackPending; }
    }

    /// <summary>True once the session has ended.</summary>
    public bool IsEnded
    {
        get { lock (_lock) return _isEnded; }
    }

    // ---- application side ------------------------------------------------------------

    internal async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty)
            return 0;
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_receivedBytes > 0)
                    return CopyReceived(destination.Span);
                if (_isEnded)
                {
                    if (_failure is not null)
                        throw _failure;
                    return 0;
                }
                _readWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _readWaiter.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private int CopyReceived(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length && _received.Count > 0)
        {
            var (buffer, length) = _received.Peek();
            var available = length - _receivedHeadOffset;
            var n = Math.Min(available, destination.Length - copied);
            buffer.AsSpan(_receivedHeadOffset, n).CopyTo(destination[copied..]);
            copied += n;
            _receivedHeadOffset += n;
            if (_receivedHeadOffset == length)
            {
                _received.Dequeue();
                _receivedHeadOffset = 0;
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        _receivedBytes -= copied;
        // Window update once a quarter of the buffer has been freed since the last advertisement.
        var rightEdge = _receiveNext + (uint)(_options.ReceiveBufferBytes - _receivedBytes);
        if ((int)(rightEdge - _advertisedRightEdge) >= _options.ReceiveBufferBytes / 4)
        {
            _ackPending = true;
            _peer.SignalWriter();
        }
        return copied;
    }

    internal ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken) =>
        WriteAsync(new ReadOnlySequence<byte>(source), cancellationToken);

    /// <summary>
    /// Queues all of <paramref name="source"/> (waiting while the send buffer is full) and sends it:
    /// a multi-segment buffer goes out in as few channel writes as the batch size allows.
    /// </summary>
    internal async ValueTask WriteAsync(ReadOnlySequence<byte> source, CancellationToken cancellationToken)
    {
        foreach (var memory in source)
        {
            var rest = memory;
            while (!rest.IsEmpty)
            {
                Task? wait = null;
                lock (_lock)
                {
                    ThrowIfEndedForWrite();
                    var space = _options.SendBufferBytes - (int)(_sendEnd - _sendAcked);
                    if (space <= 0)
                    {
                        _spaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        wait = _spaceWaiter.Task;
                    }
                    else
                    {
                        var n = Math.Min(space, rest.Length);
                        Append(rest.Span[..n]);
                        rest = rest[n..];
                    }
                }
                if (wait is not null)
                {
                    await _peer.SendFromCallerAsync().ConfigureAwait(false); // what is queued goes out first
                    await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        await _peer.SendFromCallerAsync().ConfigureAwait(false);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var max = _options.MaxFramePayload;
        if (_segments.Count > 0 && _segments[^1] is { Transmitted: false } last && last.Length < max)
        {
            var n = Math.Min(max - last.Length, bytes.Length);
            bytes[..n].CopyTo(last.Buffer.AsSpan(last.Length));
            last.Length += n;
            _sendEnd += (uint)n;
            bytes = bytes[n..];
        }
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(max, bytes.Length);
            var segment = new SendSegment(_sendEnd, ArrayPool<byte>.Shared.Rent(max)) { Length = n };
            bytes[..n].CopyTo(segment.Buffer);
            _segments.Add(segment);
            _sendEnd += (uint)n;
            bytes = bytes[n..];
        }
    }

    private void ThrowIfEndedForWrite()
    {
        if (!_isEnded)
            return;
        throw _failure ?? new LinkSessionLostException("the link session is closed; open a new connection");
    }

    /// <summary>Closes the session from this side (the peer is told with a Reset frame).</summary>
    public void Close() => End(null, "closed locally", ResetReason.Closed);

    // ---- peer side (called by LinkPeer) ----------------------------------------------

    internal void OnFrame(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var signal = false;
        lock (_lock)
        {
            if (_isEnded)
                return;
            _lastReceived = _time.GetTimestamp();
            if (!OnAcknowledgement(header))
                return;
            if (header.Type == FrameType.Data)
                OnData(header.Seq, payload); // the peer signals once per read batch for the acknowledgement
            else if (_nextIndex < _segments.Count)
            {
                signal = true; // the window may have opened
            }
        }
        if (signal)
            _peer.SignalWriter();
    }

    private void OnData(uint seq, ReadOnlySpan<byte> payload)
    {
        // Anything unexpected is acknowledged at once: a duplicate acknowledgement tells the
        // peer a frame was lost, a repeated one that its retransmission arrived.
        if (seq != _receiveNext || payload.IsEmpty || payload.Length > _options.ReceiveBufferBytes - _receivedBytes)
        {
            _ackPending = true; // an overrun of our window is dropped too: it retransmits when the window opens
            return;
        }
        // In-order data is acknowledged at once every two full frames (keeps a bulk sender's
        // window moving); otherwise the acknowledgement rides on our next data frame (a reply)
        // or goes out with the next tick. A request/response exchange then costs one frame each
        // way instead of two, and no extra wake-up of either writer.
        _bytesSinceAck += payload.Length;
        if (_bytesSinceAck >= 2 * _options.MaxFramePayload)
            _ackPending = true;
        else
            _ackDelayed = true;
        var buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(buffer);
        _received.Enqueue((buffer, payload.Length));
        _receivedBytes += payload.Length;
        _receiveNext += (uint)payload.Length;
        WakeReader();
    }

    /// <summary>Processes Ack/Window; returns false when the session had to be aborted.</summary>
    private bool OnAcknowledgement(in FrameHeader header)
    {
        var ack = header.Ack;
        var outstanding = _sendEnd - _sendAcked;
        var advance = ack - _sendAcked;
        if (advance > outstanding)
        {
            // Acknowledges bytes never sent (or long gone): not this session's peer, or a broken one.
            if ((int)advance > 0)
            {
                EndLocked(new LinkSessionLostException(
                    "the peer acknowledged bytes that were never sent: protocol violation, session aborted"), ResetReason.Aborted);
                return false;
            }
            return true; // an old acknowledgement overtaken by newer ones
        }
        _peerRightEdge = ack + header.Window;
        if (advance > 0)
        {
            var removed = 0;
            while (removed < _segments.Count && (int)(_segments[removed].End - ack) <= 0)
            {
                ArrayPool<byte>.Shared.Return(_segments[removed].Buffer);
                removed++;
            }
            _segments.RemoveRange(0, removed);
            _nextIndex = Math.Max(0, _nextIndex - removed);
            _sendAcked = ack;
            _duplicateAcks = 0;
            var now = _time.GetTimestamp();
            if (_rttSampling && (int)(ack - _rttSampleEnd) >= 0)
            {
                _rttSampling = false;
                UpdateRetransmitTimeout(_time.GetElapsedTime(_rttSampleStart, now).TotalMilliseconds);
            }
            _retransmitDeadline = _nextIndex > 0 ? now + ToTicks(_retransmitTimeout) : 0;
            if (_spaceWaiter is { } waiter)
            {
                _spaceWaiter = null;
                waiter.TrySetResult();
            }
        }
        else if (header.Type == FrameType.Ack && _nextIndex > 0 && ack != _fastRetransmitAck)
        {
            if (++_duplicateAcks >= 2)
            {
                _fastRetransmitAck = ack;
                _duplicateAcks = 0;
                Rewind();
            }
        }
        return true;
    }

    private void UpdateRetransmitTimeout(double sampleMs)
    {
        if (_smoothedRttMs < 0)
        {
            _smoothedRttMs = sampleMs;
            _rttVarianceMs = sampleMs / 2;
        }
        else
        {
            _rttVarianceMs = 0.75 * _rttVarianceMs + 0.25 * Math.Abs(_smoothedRttMs - sampleMs);
            _smoothedRttMs = 0.875 * _smoothedRttMs + 0.125 * sampleMs;
        }
        var rto = TimeSpan.FromMilliseconds(_smoothedRttMs + 4 * _rttVarianceMs);
        _retransmitTimeout = rto < _options.MinRetransmitTimeout ? _options.MinRetransmitTimeout
            : rto > _options.MaxRetransmitTimeout ? _options.MaxRetransmitTimeout : rto;
    }

    private void Rewind()
    {
        RetransmittedFrames += _nextIndex;
        _nextIndex = 0;
        _rttSampling = false;
    }

    internal void OnPeerReset(ResetReason reason, string text)
    {
        // Even a normal close ends reads with an error, not end-of-stream: HTTP/2 servers then
        // abort the connection's streams at once instead of waiting for a peer that is gone.
        var message = reason switch
        {
            ResetReason.Closed => "the peer closed the link session",
            ResetReason.UnknownSession => "the peer no longer knows this link session (it restarted or reconnected)",
            _ => $"the peer aborted the link session: {text}",
        };
        End(new LinkSessionLostException(message), message, sendReset: null);
    }

    /// <summary>Ends the session because of a failure: pending and later reads and writes throw it.</summary>
    internal void Fail(string reason, ResetReason? sendReset) =>
        End(new LinkSessionLostException(reason), reason, sendReset);

    private void End(Exception? failure, string reason, ResetReason? sendReset)
    {
        lock (_lock)
        {
            if (_isEnded)
                return;
            EndLocked(failure, sendReset, reason);
        }
    }

    private void EndLocked(Exception failure, ResetReason sendReset) => EndLocked(failure, sendReset, failure.Message);

    private void EndLocked(Exception? failure, ResetReason? sendReset, string reason)
    {
        _isEnded = true;
        _failure = failure;
        foreach (var segment in _segments)
            ArrayPool<byte>.Shared.Return(segment.Buffer);
        _segments.Clear();
        _nextIndex = 0;
        WakeReader();
        if (_spaceWaiter is { } waiter)
        {
            _spaceWaiter = null;
            if (failure is not null)
                waiter.TrySetException(failure);
            else
                waiter.TrySetResult();
        }
        _ended.TrySetResult(reason);
        _peer.OnSessionEnded(this, sendReset, reason, failure is not null);
    }

    private void WakeReader()
    {
        if (_readWaiter is { } waiter)
        {
            _readWaiter = null;
            waiter.TrySetResult();
        }
    }

    /// <summary>Timers: peer silence, retransmission, heartbeat.</summary>
    internal void Tick()
    {
        var signal = false;
        lock (_lock)
        {
            if (_isEnded)
                return;
            var now = _time.GetTimestamp();
            var silent = _time.GetElapsedTime(_lastReceived, now);
            if (silent > _options.PeerTimeout)
            {
                EndLocked(new LinkSessionLostException(
                    $"no frames from the peer for {silent.TotalSeconds:0.0} s: it hung, restarted or the channel is down"),
                    ResetReason.Aborted);
                return;
            }
            if (_retransmitDeadline != 0 && now >= _retransmitDeadline && _nextIndex > 0)
            {
                Rewind();
                var doubled = _retransmitTimeout * 2;
                _retransmitTimeout = doubled > _options.MaxRetransmitTimeout ? _options.MaxRetransmitTimeout : doubled;
                _retransmitDeadline = now + ToTicks(_retransmitTimeout);
                signal = true;
            }
            if (_ackDelayed || _time.GetElapsedTime(_lastSent, now) >= _options.KeepaliveInterval)
            {
                _ackPending = true;
                signal = true;
            }
        }
        if (signal)
            _peer.SignalWriter();
    }

    /// <summary>
    /// Encodes the next frame this session wants to send (data within the windows, else a
    /// pending acknowledgement) into <paramref name="destination"/>. Returns bytes written, 0 if none.
    /// </summary>
    internal int EncodeNextFrame(Span<byte> scratch, Span<byte> destination)
    {
        lock (_lock)
        {
            if (_isEnded)
                return 0;
            var window = (uint)(_options.ReceiveBufferBytes - _receivedBytes);
            if (_nextIndex < _segments.Count)
            {
                var segment = _segments[_nextIndex];
                var end = segment.End;
                if ((int)(end - _peerRightEdge) <= 0 && (int)(end - _sendAcked) <= _options.SendWindowBytes)
                {
                    var now = _time.GetTimestamp();
                    if (!segment.Transmitted && !_rttSampling)
                    {
                        _rttSampling = true;
                        _rttSampleEnd = end;
                        _rttSampleStart = now;
                    }
                    segment.Transmitted = true;
                    _nextIndex++;
                    if (_retransmitDeadline == 0)
                        _retransmitDeadline = now + ToTicks(_retransmitTimeout);
                    return EncodeLocked(FrameType.Data, segment.Seq, window, segment.Buffer.AsSpan(0, segment.Length), scratch, destination, now);
                }
            }
            if (_ackPending)
                return EncodeLocked(FrameType.Ack, 0, window, default, scratch, destination, _time.GetTimestamp());
            return 0;
        }
    }

    private int EncodeLocked(FrameType type, uint seq, uint window, ReadOnlySpan<byte> payload, Span<byte> scratch, Span<byte> destination, long now)
    {
        _ackPending = false;
        _ackDelayed = false;
        _bytesSinceAck = 0;
        _lastSent = now;
        _advertisedRightEdge = _receiveNext + window;
        return FrameCodec.Encode(new FrameHeader(type, Id, seq, _receiveNext, window), payload, scratch, destination);
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
