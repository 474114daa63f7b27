using WifiBridge.Link.Framing;

namespace WifiBridge.Link.Tests.Framing;

public class CobsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(253)]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(508)]
    [InlineData(4096)]
    public void RoundTrip_RandomAndZeroHeavyInputs_NeverContainZero(int length)
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var input = new byte[length];
            random.NextBytes(input);
            for (var i = 0; i < length; i++)
                if (random.Next(4) == 0 || seed % 5 == 0)
                    input[i] = seed % 5 == 0 ? (byte)(seed % 2) : (byte)0;
            var encoded = new byte[Cobs.MaxEncodedLength(length)];
            var n = Cobs.Encode(input, encoded);
            Assert.DoesNotContain((byte)0, encoded.AsSpan(0, n).ToArray());
            var decoded = new byte[length];
            var m = Cobs.Decode(encoded.AsSpan(0, n), decoded);
            Assert.Equal(length, m);
            Assert.Equal(input, decoded);
        }
    }

    [Fact]
    public void Decode_RejectsCodePointingPastTheEnd()
    {
        Assert.Equal(-1, Cobs.Decode([5, 1, 2], new byte[10]));
    }
}
