namespace WifiBridge.Link.Framing;

/// <summary>Why a session ended, carried in a <see cref="FrameType.Reset"/> frame's Seq field.</summary>
public enum ResetReason : uint
{
    /// <summary>The peer closed the session normally (its stream was disposed).</summary>
    Closed = 0,

    /// <summary>The peer received a frame for a session it does not know (it restarted, or a newer session replaced it).</summary>
    UnknownSession = 1,

    /// <summary>The peer gave up on the session (keepalive timeout, protocol error).</summary>
    Aborted = 2,
}
