using System.Text;
using WifiBridge.GuestAgent.Crypto;

namespace WifiBridge.GuestAgent.Tests.Crypto;

public sealed class Sha1Tests
{
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void MatchesFips180Vectors(string input, string expected)
        => Assert.Equal(expected, Convert.ToHexStringLower(Sha1.Hash(Encoding.ASCII.GetBytes(input))));

    [Fact]
    public void MillionAsInPieces()
    {
        var sha = new Sha1();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
        for (var i = 0; i < 1000; i++) sha.Append(chunk.AsSpan(0, 7)) ; // odd-sized pieces cross block boundaries
        var rest = 1_000_000 - 7000;
        for (; rest > 0; rest -= Math.Min(rest, 1000)) sha.Append(chunk.AsSpan(0, Math.Min(rest, 1000)));
        var digest = new byte[20];
        sha.Finish(digest);
        Assert.Equal("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Convert.ToHexStringLower(digest));
    }

    [Theory] // RFC 6070
    [InlineData("password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6")]
    [InlineData("password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1")]
    [InlineData("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038")]
    public void Pbkdf2MatchesRfc6070(string password, string salt, int iterations, int length, string expected)
        => Assert.Equal(expected, Convert.ToHexStringLower(Pbkdf2Sha1.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), iterations, length)));

    [Fact] // IEEE 802.11i-2004, H.4.1: passphrase "password", SSID "IEEE"
    public void WpaPskMatchesTheIeeeVector()
        => Assert.Equal("f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e",
            Convert.ToHexStringLower(Pbkdf2Sha1.DeriveKey("password"u8, "IEEE"u8, 4096, 32)));

    [Fact]
    public void AgentAndLinkNeverReferenceDotNetCryptography()
    {
        // A static glibc agent that touches System.Security.Cryptography dlopens OpenSSL, loads a
        // second libc and crashes with corrupted thread-local state (seen: SynchronizationLockException
        // in class constructors, segfaults in allocation). Keep the reference out.
        foreach (var assembly in new[] { typeof(Sha1).Assembly, typeof(WifiBridge.Link.LinkPeer).Assembly })
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name == "System.Security.Cryptography");
    }
}
