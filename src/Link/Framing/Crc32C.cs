using System.Buffers.Binary;
using System.Numerics;

namespace WifiBridge.Link.Framing;

/// <summary>CRC-32C (Castagnoli), hardware-accelerated through <see cref="BitOperations.Crc32C(uint, ulong)"/>.</summary>
public static class Crc32C
{
    /// <summary>Computes the CRC-32C of <paramref name="data"/> (initial value and final XOR 0xFFFFFFFF).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
