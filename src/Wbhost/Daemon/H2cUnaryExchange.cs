using System.Buffers.Binary;
using WifiBridge.Cli.Posix;

namespace WifiBridge.Cli.Daemon;

/// <summary>
/// One unary gRPC call over a fresh HTTP/2 (h2c, prior knowledge) connection on wbhostd's UNIX
/// socket, written directly on the socket: a CLI that makes one call and exits pays far less
/// start-up (JIT) this way than through HttpClient. Only for idempotent reads: anything
/// unexpected raises <see cref="FastPathUnsupportedException"/> and the caller repeats the call
/// through Grpc.Net.Client. gRPC errors become <see cref="Grpc.Core.RpcException"/> as usual (<see cref="FastPathRpcErrors"/>).
/// </summary>
internal static class H2cUnaryExchange
{
    private const byte Data = 0, Headers = 1, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, WindowUpdate = 8, Continuation = 9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, Priority = 0x20;
    private const int StreamId = 1;
    private const int MaxResponseBytes = 8 * 1024 * 1024;
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Blocking on purpose: the CLI's main thread does the whole exchange over plain libc calls
    /// (<see cref="UnixStreamSocket"/>), so no thread-pool or socket event-loop threads are started
    /// and System.Net.Sockets is not loaded for a one-shot call. The deadline bounds every read.
    /// Requests are a few hundred bytes, which the socket buffer takes at once. Cancellation (Ctrl-C)
    /// ends a read within a poll slice.
    /// </summary>
    public static byte[] Call(string socketPath, string path, byte[] request, DateTime? deadline, CancellationToken cancellationToken)
    {
        using var socket = UnixStreamSocket.Connect(socketPath);
        try
        {
            socket.Write(BuildRequest(path, request, deadline));
            return ReadResponse(socket, deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw FastPathRpcErrors.Create(FastPathRpcErrors.DeadlineExceeded, "");
        }
        catch (IOException e)
        {
            throw FastPathRpcErrors.Create(FastPathRpcErrors.Unavailable, "", e);
        }
    }

    private static byte[] BuildRequest(string path, byte[] message, DateTime? deadline)
    {
        var output = new MemoryStream();
        output.Write(Preface);
        // SETTINGS: HEADER_TABLE_SIZE 0 (no dynamic table needed), ENABLE_PUSH 0.
        WriteFrame(output, Settings, 0, 0, [0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
        var block = new MemoryStream();
        block.WriteByte(0x83);                       // :method POST (static 3)
        block.WriteByte(0x86);                       // :scheme http (static 6)
        WriteLiteral(block, 4, path);                // :path
        WriteLiteral(block, 1, "wbhostd");           // :authority
        WriteLiteral(block, 31, "application/grpc"); // content-type
        WriteLiteral(block, 0, "trailers", "te");
        if (deadline is { } due)
        {
            var milliseconds = Math.Max(1, (long)(due - DateTime.UtcNow).TotalMilliseconds);
            WriteLiteral(block, 0, Output.Digits.Of(Math.Min(milliseconds, 99_999_999)) + "m", "grpc-timeout");
        }
        WriteFrame(output, Headers, EndHeaders, StreamId, block.ToArray());
        var payload = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), (uint)message.Length);
        message.CopyTo(payload, 5);
        for (var offset = 0; ;)
        {
            var chunk = Math.Min(16_384, payload.Length - offset);
            var last = offset + chunk == payload.Length;
            WriteFrame(output, Data, last ? EndStream : (byte)0, StreamId, payload.AsSpan(offset, chunk));
            offset += chunk;
            if (last)
                break;
        }
        return output.ToArray();
    }

    private static byte[] ReadResponse(UnixStreamSocket socket, DateTime? deadline, CancellationToken cancellationToken)
    {
        var decoder = new HpackDecoder(4096);
        var header = new byte[9];
        var body = new MemoryStream();
        var headerBlock = new MemoryStream();
        var sawResponseHeaders = false;
        List<(string Name, string Value)>? trailers = null;
        while (true)
        {
            socket.ReadExactly(header, deadline, cancellationToken);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var type = header[3];
            var flags = header[4];
            var stream1 = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7fffffff);
            if (length > 1 << 20)
                throw new FastPathUnsupportedException("oversized frame");
            var payload = new byte[length];
            socket.ReadExactly(payload, deadline, cancellationToken);
            switch (type)
            {
                case Settings when (flags & Ack) == 0:
                    Write(socket, Settings, Ack, 0, []);
                    break;
                case Ping when (flags & Ack) == 0:
                    Write(socket, Ping, Ack, 0, payload);
                    break;
                case GoAway:
                    throw FastPathRpcErrors.Create(FastPathRpcErrors.Unavailable, "wbhostd closed the connection (GOAWAY)");
                case RstStream when stream1 == StreamId:
                    throw FastPathRpcErrors.Create(FastPathRpcErrors.Unavailable, "wbhostd reset the call");
                case Data when stream1 == StreamId:
                {
                    var data = Unpad(payload, flags);
                    body.Write(data);
                    if (body.Length > MaxResponseBytes)
                        throw new FastPathUnsupportedException("large response");
                    if (length > 0)
                    {
                        var increment = new byte[4];
                        BinaryPrimitives.WriteUInt32BigEndian(increment, (uint)length);
                        Write(socket, WindowUpdate, 0, 0, increment);
                        Write(socket, WindowUpdate, 0, StreamId, increment);
                    }
                    if ((flags & EndStream) != 0)
                        throw new FastPathUnsupportedException("stream ended without trailers");
                    break;
                }
                case Headers or Continuation when stream1 == StreamId:
                {
                    var fragment = type == Headers ? HeaderFragment(payload, flags) : payload;
                    headerBlock.Write(fragment);
                    if ((flags & EndHeaders) == 0)
                    {
                        if ((flags & EndStream) != 0)
                            throw new FastPathUnsupportedException("END_STREAM before END_HEADERS");
                        break;
                    }
                    var fields = decoder.Decode(headerBlock.ToArray());
                    headerBlock.SetLength(0);
                    if (!sawResponseHeaders)
                    {
                        sawResponseHeaders = true;
                        var status = Find(fields, ":status");
                        if (status != "200")
                            throw FastPathRpcErrors.Create(FastPathRpcErrors.Unavailable, $"wbhostd answered HTTP {status}");
                        if (Find(fields, "grpc-status") is not null)
                            trailers = fields; // trailers-only response
                    }
                    else
                        trailers = fields;
                    if (trailers is not null || (flags & EndStream) != 0)
                        return Complete(trailers ?? fields, body);
                    break;
                }
            }
        }
    }

    private static byte[] Complete(List<(string Name, string Value)> trailers, MemoryStream body)
    {
        var code = Find(trailers, "grpc-status") ?? throw new FastPathUnsupportedException("no grpc-status");
        // "0" compared as text: int.TryParse would initialise culture data for nothing on the success path.
        var status = 0;
        if (code != "0" && !int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out status))
            throw new FastPathUnsupportedException("bad grpc-status");
        if (status != 0)
            throw FastPathRpcErrors.Create(status, PercentDecode(Find(trailers, "grpc-message") ?? ""));
        var bytes = body.ToArray();
        if (bytes.Length < 5 || bytes[0] != 0)
            throw new FastPathUnsupportedException("missing or compressed message");
        var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        if (size != bytes.Length - 5)
            throw new FastPathUnsupportedException("not exactly one message");
        return bytes[5..];
    }

    private static string? Find(List<(string Name, string Value)> fields, string name)
    {
        foreach (var (n, v) in fields)
        {
            if (n == name)
                return v;
        }
        return null;
    }

    private static string PercentDecode(string text)
    {
        if (!text.Contains('%'))
            return text;
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static ReadOnlySpan<byte> Unpad(byte[] payload, byte flags)
    {
        if ((flags & Padded) == 0)
            return payload;
        if (payload.Length == 0 || payload[0] >= payload.Length)
            throw new FastPathUnsupportedException("bad padding");
        return payload.AsSpan(1, payload.Length - 1 - payload[0]);
    }

    private static ReadOnlySpan<byte> HeaderFragment(byte[] payload, byte flags)
    {
        var fragment = Unpad(payload, flags);
        if ((flags & Priority) != 0)
        {
            if (fragment.Length < 5)
                throw new FastPathUnsupportedException("bad priority block");
            fragment = fragment[5..];
        }
        return fragment;
    }

    private static void WriteLiteral(MemoryStream block, int nameIndex, string value, string? name = null)
    {
        // Literal header field without indexing (0000xxxx), raw (non-Huffman) strings.
        WriteInteger(block, 0x00, 4, nameIndex);
        if (nameIndex == 0)
            WriteString(block, name!);
        WriteString(block, value);
    }

    private static void WriteString(MemoryStream block, string text)
    {
        // The header fields written here are ASCII (the method's path, fixed names and values, digits).
        // Byte by byte: Encoding.ASCII's vectorized narrowing would load generic vector types (bench/CliBench).
        WriteInteger(block, 0x00, 7, text.Length);
        foreach (var c in text)
            block.WriteByte(c < 0x80 ? (byte)c : throw new FastPathUnsupportedException("non-ASCII header"));
    }

    private static void WriteInteger(MemoryStream block, byte pattern, int prefixBits, int value)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            block.WriteByte((byte)(pattern | value));
            return;
        }
        block.WriteByte((byte)(pattern | max));
        value -= max;
        while (value >= 0x80)
        {
            block.WriteByte((byte)((value & 0x7f) | 0x80));
            value >>= 7;
        }
        block.WriteByte((byte)value);
    }

    private static void WriteFrame(Stream output, byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[9];
        header[0] = (byte)(payload.Length >> 16);
        header[1] = (byte)(payload.Length >> 8);
        header[2] = (byte)payload.Length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(header[5..], (uint)streamId);
        output.Write(header);
        output.Write(payload);
    }

    private static void Write(UnixStreamSocket socket, byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new MemoryStream(9 + payload.Length);
        WriteFrame(frame, type, flags, streamId, payload);
        socket.Write(frame.GetBuffer().AsSpan(0, (int)frame.Length));
    }
}
