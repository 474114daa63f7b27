namespace WifiBridge.Link.Framing;

/// <summary>What a frame carries. Values are part of the wire format: never renumber.</summary>
public enum FrameType : byte
{
    /// <summary>Host -> guest: start a new session. SessionId = the host's fresh random nonce.</summary>
    Hello = 1,

    /// <summary>Guest -> host: accept a session. SessionId = the host nonce echoed; payload = the guest's 8-byte nonce.</summary>
    Welcome = 2,

    /// <summary>Stream bytes. Seq = offset of the first payload byte; Ack/Window piggyback.</summary>
    Data = 3,

    /// <summary>Acknowledgement, window update and heartbeat (sent at least every keepalive interval).</summary>
    Ack = 4,

    /// <summary>End of a session. Seq = <see cref="ResetReason"/>; payload = short UTF-8 reason text.</summary>
    Reset = 5,
}
