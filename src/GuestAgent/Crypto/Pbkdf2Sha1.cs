namespace WifiBridge.GuestAgent.Crypto;

/// <summary>PBKDF2 (RFC 8018) with HMAC-SHA1 (RFC 2104) in managed code; see <see cref="Sha1"/> for why.</summary>
public static class Pbkdf2Sha1
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Span<byte> key = stackalloc byte[Sha1.BlockSize];
        key.Clear();
        if (password.Length > Sha1.BlockSize) Sha1.Hash(password).CopyTo(key);
        else password.CopyTo(key);
        Span<byte> ipad = stackalloc byte[Sha1.BlockSize];
        Span<byte> opad = stackalloc byte[Sha1.BlockSize];
        for (var i = 0; i < Sha1.BlockSize; i++)
        {
            ipad[i] = (byte)(key[i] ^ 0x36);
            opad[i] = (byte)(key[i] ^ 0x5c);
        }
        key.Clear();

        var sha = new Sha1();
        var output = new byte[length];
        Span<byte> u = stackalloc byte[Sha1.HashSize];
        Span<byte> t = stackalloc byte[Sha1.HashSize];
        Span<byte> counter = stackalloc byte[4];
        for (int block = 1, offset = 0; offset < length; block++, offset += Sha1.HashSize)
        {
            counter[0] = (byte)(block >> 24); counter[1] = (byte)(block >> 16); counter[2] = (byte)(block >> 8); counter[3] = (byte)block;
            Hmac(sha, ipad, opad, salt, counter, u);
            u.CopyTo(t);
            for (var i = 1; i < iterations; i++)
            {
                Hmac(sha, ipad, opad, u, [], u);
                for (var j = 0; j < t.Length; j++) t[j] ^= u[j];
            }
            t[..Math.Min(Sha1.HashSize, length - offset)].CopyTo(output.AsSpan(offset));
        }
        ipad.Clear();
        opad.Clear();
        return output;
    }

    private static void Hmac(Sha1 sha, ReadOnlySpan<byte> ipad, ReadOnlySpan<byte> opad, ReadOnlySpan<byte> message1,
        ReadOnlySpan<byte> message2, Span<byte> destination)
    {
        Span<byte> inner = stackalloc byte[Sha1.HashSize];
        sha.Append(ipad);
        sha.Append(message1);
        sha.Append(message2);
        sha.Finish(inner);
        sha.Append(opad);
        sha.Append(inner);
        sha.Finish(destination);
    }
}
