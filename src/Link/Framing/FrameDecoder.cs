namespace WifiBridge.Link.Framing;

/// <summary>
/// Splits a byte stream at 0x00 delimiters, unstuffs and checks each frame, and hands only
/// valid frames to the sink. Resynchronises on the next delimiter after any garbage; a frame
/// longer than the limit is discarded without being buffered.
/// </summary>
public sealed class FrameDecoder
{
    private readonly byte[] _buffer;
    private int _length;
    private bool _overflowed;

    /// <param name="maxPayload">Largest payload accepted; longer frames are discarded.</param>
    public FrameDecoder(int maxPayload)
    {
        _buffer = new byte[FrameCodec.MaxWireLength(maxPayload)];
    }

    /// <summary>Feeds received bytes; calls the sink for every complete frame or discarded run.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, IFrameSink sink)
    {
        while (!bytes.IsEmpty)
        {
            var delimiter = bytes.IndexOf((byte)0);
            var chunk = delimiter < 0 ? bytes : bytes[..delimiter];
            Append(chunk);
            if (delimiter < 0)
                return;
            Complete(sink);
            bytes = bytes[(delimiter + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        if (_overflowed)
        {
            _length += chunk.Length;
            return;
        }
        if (_length + chunk.Length > _buffer.Length)
        {
            _overflowed = true;
            _length += chunk.Length;
            return;
        }
        chunk.CopyTo(_buffer.AsSpan(_length));
        _length += chunk.Length;
    }

    private void Complete(IFrameSink sink)
    {
        var length = _length;
        var overflowed = _overflowed;
        _length = 0;
        _overflowed = false;
        if (length == 0)
            return;
        if (overflowed)
        {
            sink.OnDiscarded(length);
            return;
        }
        // COBS decoding never grows the data and writes behind the read position: decode in place.
        var span = _buffer.AsSpan(0, length);
        var decoded = Cobs.Decode(span, span);
        if (decoded < 0 || !FrameCodec.TryParse(span[..decoded], out var header, out var payload))
        {
            sink.OnDiscarded(length);
            return;
        }
        sink.OnFrame(header, payload);
    }
}
