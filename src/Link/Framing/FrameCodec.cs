using System.Buffers.Binary;

namespace WifiBridge.Link.Framing;

/// <summary>
/// Turns frames into wire bytes and back. On the wire a frame is
/// <c>0x00 COBS(format, type, session[8], seq[4], ack[4], window[4], payload, crc32c[4]) 0x00</c>,
/// all integers little-endian, the CRC-32C covering every byte before it.
/// </summary>
public static class FrameCodec
{
    /// <summary>Format byte: bumped on any incompatible wire change.</summary>
    public const byte FormatVersion = 0x01;

    /// <summary>Bytes of the fixed header (format, type, session, seq, ack, window).</summary>
    public const int HeaderLength = 22;

    /// <summary>Bytes of the trailing CRC-32C.</summary>
    public const int CrcLength = 4;

    /// <summary>Largest on-wire size of a frame carrying <paramref name="payloadLength"/> bytes (both delimiters included).</summary>
    public static int MaxWireLength(int payloadLength) => Cobs.MaxEncodedLength(HeaderLength + payloadLength + CrcLength) + 2;

    /// <summary>
    /// Encodes one frame into <paramref name="destination"/> (at least <see cref="MaxWireLength"/> bytes),
    /// using <paramref name="scratch"/> (at least header + payload + CRC bytes) for the unstuffed frame.
    /// Returns the number of wire bytes written.
    /// </summary>
    public static int Encode(in FrameHeader header, ReadOnlySpan<byte> payload, Span<byte> scratch, Span<byte> destination)
    {
        var rawLength = HeaderLength + payload.Length + CrcLength;
        var raw = scratch[..rawLength];
        raw[0] = FormatVersion;
        raw[1] = (byte)header.Type;
        BinaryPrimitives.WriteUInt64LittleEndian(raw[2..], header.SessionId);
        BinaryPrimitives.WriteUInt32LittleEndian(raw[10..], header.Seq);
        BinaryPrimitives.WriteUInt32LittleEndian(raw[14..], header.Ack);
        BinaryPrimitives.WriteUInt32LittleEndian(raw[18..], header.Window);
        payload.CopyTo(raw[HeaderLength..]);
        BinaryPrimitives.WriteUInt32LittleEndian(raw[(rawLength - CrcLength)..], Crc32C.Compute(raw[..(rawLength - CrcLength)]));
        destination[0] = 0;
        var encoded = Cobs.Encode(raw, destination[1..]);
        destination[encoded + 1] = 0;
        return encoded + 2;
    }

    /// <summary>
    /// Validates an unstuffed frame. Returns false (and nothing is delivered) when it is too short,
    /// has an unknown format or type, or its CRC does not match.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, out FrameHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (raw.Length < HeaderLength + CrcLength || raw[0] != FormatVersion)
            return false;
        var body = raw[..^CrcLength];
        if (BinaryPrimitives.ReadUInt32LittleEndian(raw[^CrcLength..]) != Crc32C.Compute(body))
            return false;
        var type = (FrameType)raw[1];
        if (type is < FrameType.Hello or > FrameType.Reset)
            return false;
        header = new FrameHeader(type,
            BinaryPrimitives.ReadUInt64LittleEndian(raw[2..]),
            BinaryPrimitives.ReadUInt32LittleEndian(raw[10..]),
            BinaryPrimitives.ReadUInt32LittleEndian(raw[14..]),
            BinaryPrimitives.ReadUInt32LittleEndian(raw[18..]));
        payload = body[HeaderLength..];
        return true;
    }
}
