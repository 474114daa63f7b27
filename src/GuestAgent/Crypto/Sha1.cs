using System.Buffers.Binary;

namespace WifiBridge.GuestAgent.Crypto;

/// <summary>
/// Managed SHA-1 (FIPS 180-4). The agent is a static glibc executable: .NET's own hashing goes
/// through OpenSSL, which it would dlopen, loading a second libc into the process and corrupting
/// thread-local state. So the agent hashes in managed code and never touches
/// System.Security.Cryptography. Used for the WPA PSK (PBKDF2-HMAC-SHA1, IEEE 802.11i) and the
/// RFC 4193 ULA global id; neither relies on SHA-1's collision resistance.
/// </summary>
public sealed class Sha1
{
    public const int HashSize = 20;
    public const int BlockSize = 64;

    private readonly uint[] _h = new uint[5];
    private readonly byte[] _block = new byte[BlockSize];
    private readonly uint[] _w = new uint[80];
    private int _blockLength;
    private ulong _totalBytes;

    public Sha1() => Reset();

    public void Reset()
    {
        _h[0] = 0x67452301; _h[1] = 0xEFCDAB89; _h[2] = 0x98BADCFE; _h[3] = 0x10325476; _h[4] = 0xC3D2E1F0;
        _blockLength = 0;
        _totalBytes = 0;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _totalBytes += (ulong)data.Length;
        while (data.Length > 0)
        {
            var n = Math.Min(BlockSize - _blockLength, data.Length);
            data[..n].CopyTo(_block.AsSpan(_blockLength));
            _blockLength += n;
            data = data[n..];
            if (_blockLength == BlockSize)
            {
                Compress(_block);
                _blockLength = 0;
            }
        }
    }

    /// <summary>Writes the digest to <paramref name="destination"/> (20 bytes) and resets.</summary>
    public void Finish(Span<byte> destination)
    {
        var bitLength = _totalBytes * 8;
        Span<byte> pad = stackalloc byte[BlockSize + 8];
        pad.Clear();
        pad[0] = 0x80;
        var padLength = (_blockLength < 56 ? 56 : 120) - _blockLength;
        BinaryPrimitives.WriteUInt64BigEndian(pad.Slice(padLength, 8), bitLength);
        Append(pad[..(padLength + 8)]);
        for (var i = 0; i < 5; i++) BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * 4, 4), _h[i]);
        Reset();
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var sha = new Sha1();
        sha.Append(data);
        var result = new byte[HashSize];
        sha.Finish(result);
        return result;
    }

    private void Compress(ReadOnlySpan<byte> block)
    {
        var w = _w;
        for (var i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(i * 4, 4));
        for (var i = 16; i < 80; i++) w[i] = uint.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4];
        for (var i = 0; i < 80; i++)
        {
            uint f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            var t = uint.RotateLeft(a, 5) + f + e + k + w[i];
            e = d; d = c; c = uint.RotateLeft(b, 30); b = a; a = t;
        }
        _h[0] += a; _h[1] += b; _h[2] += c; _h[3] += d; _h[4] += e;
    }
}
