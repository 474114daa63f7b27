namespace WifiBridge.Link;

/// <summary>
/// Tunables of a link peer. Both ends should use the same profile; the defaults suit
/// virtio-console and sockets, <see cref="Serial"/> suits the slow nmdm/COM line.
/// </summary>
public sealed record LinkOptions
{
    /// <summary>Largest payload of one frame. Larger frames from the peer are discarded as garbage.</summary>
    public int MaxFramePayload { get; init; } = 16 * 1024;

    /// <summary>Most unacknowledged bytes in flight (the sender's window).</summary>
    public int SendWindowBytes { get; init; } = 512 * 1024;

    /// <summary>Bytes a writer may queue before its write waits (includes unacknowledged bytes).</summary>
    public int SendBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Received bytes buffered for the application before the window closes.</summary>
    public int ReceiveBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Each side sends at least one frame this often (an acknowledgement doubles as heartbeat).</summary>
    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A session whose peer sent nothing valid for this long is declared lost (hung or gone).</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How often the host repeats an unanswered handshake.</summary>
    public TimeSpan HandshakeRetryInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First retransmission timeout, before any round trip was measured.</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Lower bound of the adaptive retransmission timeout.</summary>
    public TimeSpan MinRetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the adaptive retransmission timeout (after exponential backoff).</summary>
    public TimeSpan MaxRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Granularity of the timers (retransmission, keepalive, handshake).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Defaults for virtio-console and sockets.</summary>
    public static LinkOptions Default { get; } = new();

    /// <summary>For the nmdm/COM fallback: small frames and window (a 16-byte UART FIFO drops bytes under pressure).</summary>
    public static LinkOptions Serial { get; } = new()
    {
        MaxFramePayload = 1024,
        SendWindowBytes = 8 * 1024,
        InitialRetransmitTimeout = TimeSpan.FromMilliseconds(800),
        MaxRetransmitTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (MaxFramePayload is < 64 or > 60 * 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxFramePayload), MaxFramePayload, "must be 64..61440 bytes");
        if (SendWindowBytes < MaxFramePayload || SendBufferBytes < MaxFramePayload || ReceiveBufferBytes < MaxFramePayload)
            throw new ArgumentException("SendWindowBytes, SendBufferBytes and ReceiveBufferBytes must each hold at least one frame (MaxFramePayload)");
        if (PeerTimeout <= KeepaliveInterval)
            throw new ArgumentException("PeerTimeout must be longer than KeepaliveInterval");
    }
}
