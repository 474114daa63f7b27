namespace WifiBridge.Link.Session;

/// <summary>A run of stream bytes kept until the peer acknowledges it (one frame's payload).</summary>
internal sealed class SendSegment
{
    public SendSegment(uint seq, byte[] buffer)
    {
        Seq = seq;
        Buffer = buffer;
    }

    /// <summary>Stream offset of the first byte.</summary>
    public uint Seq { get; }

    /// <summary>Pooled storage, at least one frame payload long.</summary>
    public byte[] Buffer { get; }

    /// <summary>Bytes in use.</summary>
    public int Length { get; set; }

    /// <summary>Sent at least once: its contents and boundaries are then fixed.</summary>
    public bool Transmitted { get; set; }

    /// <summary>Stream offset just after the last byte.</summary>
    public uint End => Seq + (uint)Length;
}
