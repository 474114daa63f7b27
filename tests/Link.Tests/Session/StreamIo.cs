using System.Security.Cryptography;

namespace WifiBridge.Link.Tests.Session;

/// <summary>Writes and reads known byte patterns through link streams.</summary>
public static class StreamIo
{
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task WriteInPiecesAsync(Stream stream, byte[] data, int seed)
    {
        var random = new Random(seed);
        var offset = 0;
        while (offset < data.Length)
        {
            var n = Math.Min(data.Length - offset, random.Next(1, 40000));
            await stream.WriteAsync(data.AsMemory(offset, n));
            offset += n;
        }
    }

    public static async Task<byte[]> ReadExactlyAsync(Stream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    public static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));
}
