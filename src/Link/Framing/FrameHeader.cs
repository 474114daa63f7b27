namespace WifiBridge.Link.Framing;

/// <summary>The fixed fields of a frame (see README.md, "Wire format").</summary>
/// <param name="Type">What the frame carries.</param>
/// <param name="SessionId">The session the frame belongs to; frames of any other session are never parsed further.</param>
/// <param name="Seq">Data: stream offset of the first payload byte (wraps at 2^32). Reset: the reason.</param>
/// <param name="Ack">Next stream offset the sender expects from its peer (cumulative acknowledgement).</param>
/// <param name="Window">Bytes beyond <paramref name="Ack"/> the sender can still buffer (flow control credit).</param>
public readonly record struct FrameHeader(FrameType Type, ulong SessionId, uint Seq, uint Ack, uint Window);
