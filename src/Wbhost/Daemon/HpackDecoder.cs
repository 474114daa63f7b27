namespace WifiBridge.Cli.Daemon;

/// <summary>
/// A small HPACK decoder (RFC 7541) for response header blocks: indexed fields, literals with
/// and without indexing, the dynamic table and size updates. Huffman-coded strings are not
/// decoded: they raise <see cref="FastPathUnsupportedException"/> so the caller falls back.
/// </summary>
internal sealed class HpackDecoder
{
    private readonly List<(string Name, string Value)> _dynamic = []; // newest first
    private int _dynamicSize;
    private int _maxDynamicSize;

    public HpackDecoder(int maxDynamicSize) => _maxDynamicSize = maxDynamicSize;

    public List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new List<(string, string)>();
        while (!block.IsEmpty)
        {
            var first = block[0];
            if ((first & 0x80) != 0)
            {
                headers.Add(Lookup(ReadInteger(ref block, 7)));
            }
            else if ((first & 0x40) != 0)
            {
                var header = ReadLiteral(ref block, 6);
                headers.Add(header);
                Insert(header);
            }
            else if ((first & 0x20) != 0)
            {
                _maxDynamicSize = ReadInteger(ref block, 5);
                Evict();
            }
            else
            {
                headers.Add(ReadLiteral(ref block, 4)); // without indexing / never indexed
            }
        }
        return headers;
    }

    private (string, string) ReadLiteral(ref ReadOnlySpan<byte> block, int prefix)
    {
        var index = ReadInteger(ref block, prefix);
        var name = index == 0 ? ReadString(ref block) : Lookup(index).Name;
        return (name, ReadString(ref block));
    }

    private (string Name, string Value) Lookup(int index)
    {
        if (index >= 1 && index < HpackStaticTable.Entries.Length)
            return HpackStaticTable.Entries[index];
        var dynamicIndex = index - HpackStaticTable.Entries.Length;
        if (dynamicIndex >= 0 && dynamicIndex < _dynamic.Count)
            return _dynamic[dynamicIndex];
        throw new FastPathUnsupportedException($"HPACK index {index} out of range");
    }

    private void Insert((string Name, string Value) header)
    {
        _dynamic.Insert(0, header);
        _dynamicSize += header.Name.Length + header.Value.Length + 32;
        Evict();
    }

    private void Evict()
    {
        while (_dynamicSize > _maxDynamicSize && _dynamic.Count > 0)
        {
            var last = _dynamic[^1];
            _dynamic.RemoveAt(_dynamic.Count - 1);
            _dynamicSize -= last.Name.Length + last.Value.Length + 32;
        }
    }

    private static string ReadString(ref ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty)
            throw new FastPathUnsupportedException("truncated HPACK string");
        if ((block[0] & 0x80) != 0)
            throw new FastPathUnsupportedException("Huffman-coded header");
        var length = ReadInteger(ref block, 7);
        if (length > block.Length)
            throw new FastPathUnsupportedException("truncated HPACK string");
        // Latin-1, a char per byte, in a loop: Encoding.Latin1's vectorized widening would load generic
        // vector types in a one-shot CLI (bench/CliBench).
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = (char)block[i];
        var text = new string(chars);
        block = block[length..];
        return text;
    }

    private static int ReadInteger(ref ReadOnlySpan<byte> block, int prefixBits)
    {
        var mask = (1 << prefixBits) - 1;
        var value = block[0] & mask;
        block = block[1..];
        if (value < mask)
            return value;
        var shift = 0;
        while (true)
        {
            if (block.IsEmpty || shift > 21)
                throw new FastPathUnsupportedException("bad HPACK integer");
            var b = block[0];
            block = block[1..];
            value += (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
                return value;
        }
    }
}
