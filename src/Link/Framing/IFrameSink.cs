namespace WifiBridge.Link.Framing;

/// <summary>Receives what a <see cref="FrameDecoder"/> finds in the byte stream.</summary>
public interface IFrameSink
{
    /// <summary>A frame whose CRC matched. The payload is only valid during the call.</summary>
    void OnFrame(in FrameHeader header, ReadOnlySpan<byte> payload);

    /// <summary>Bytes that did not form a valid frame (garbage, corruption, truncation, oversize) were discarded.</summary>
    void OnDiscarded(int byteCount);
}
