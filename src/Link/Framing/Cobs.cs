namespace WifiBridge.Link.Framing;

/// <summary>
/// Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so that 0x00 can
/// delimit frames on the wire. Overhead is at most one byte per 254 plus one.
/// </summary>
public static class Cobs
{
    /// <summary>Largest encoded size of <paramref name="length"/> input bytes (without the delimiter).</summary>
    public static int MaxEncodedLength(int length) => length + length / 254 + 1;

    /// <summary>Encodes <paramref name="source"/> into <paramref name="destination"/>; returns the encoded length.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var block = source.Length < 254 ? source : source[..254];
            var zero = block.IndexOf((byte)0);
            if (zero >= 0)
            {
                destination[written] = (byte)(zero + 1);
                source[..zero].CopyTo(destination[(written + 1)..]);
                written += zero + 1;
                source = source[(zero + 1)..];
                continue;
            }
            destination[written] = (byte)(block.Length + 1);
            block.CopyTo(destination[(written + 1)..]);
            written += block.Length + 1;
            source = source[block.Length..];
            // A full 254-byte block carries no implied zero; a short one ends the frame.
            if (block.Length < 254)
                return written;
            if (source.IsEmpty)
            {
                destination[written] = 1;
                return written + 1;
            }
        }
    }

    /// <summary>
    /// Decodes an encoded frame (delimiter removed) into <paramref name="destination"/>.
    /// Returns the decoded length, or -1 when the input is not valid COBS.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = 0;
        var read = 0;
        while (read < source.Length)
        {
            int code = source[read];
            if (code == 0 || read + code > source.Length)
                return -1;
            var run = source.Slice(read + 1, code - 1);
            if (run.IndexOf((byte)0) >= 0 || written + run.Length > destination.Length)
                return -1;
            run.CopyTo(destination[written..]);
            written += run.Length;
            read += code;
            if (code < 255 && read < source.Length)
            {
                if (written >= destination.Length)
                    return -1;
                destination[written++] = 0;
            }
        }
        return written;
    }
}
