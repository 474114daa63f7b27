using System.Globalization;
using WifiBridge.Cli.Output;

namespace WifiBridge.Cli.Tests;

/// <summary>The CLI's own integer text (<see cref="Digits"/>) and the ages built from it read as the framework's would.</summary>
public sealed class NumberTextTests
{
    [Fact]
    public void DigitsWriteWhatInvariantToStringWrites()
    {
        long[] edges = [0, 1, 9, 10, 99, 100, -1, -9, -10, 4242, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, long.MinValue + 1, 99_999_999];
        var random = new Random(20261202);
        foreach (var value in edges.Concat(Enumerable.Range(0, 5000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63))))
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Digits.Of(value));
    }

    [Fact]
    public void TwoDigitsIsTheDoubleZeroFormat()
    {
        for (var value = 0; value < 100; value++)
            Assert.Equal(value.ToString("00", CultureInfo.InvariantCulture), Digits.Two(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Digits.Two(-1));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(42_000, "42s")]
    [InlineData(60_000, "1m00s")]
    [InlineData(754_000, "12m34s")]
    [InlineData(3_600_000, "1h00m")]
    [InlineData(7_440_000, "2h04m")]
    [InlineData(47 * 3_600_000L + 59 * 60_000, "47h59m")]
    [InlineData(48 * 3_600_000L, "2d00h")]
    [InlineData(400 * 86_400_000L + 5 * 3_600_000L, "400d05h")]
    [InlineData(-5_000, "0s")] // a clock step back: never a negative age
    public void AgesReadAsBefore(long ageMs, string expected)
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, TimeFormat.Age(now.ToUnixTimeMilliseconds() - ageMs, now));
    }

    [Fact]
    public void NoStartTimeIsShownAsDashes()
    {
        Assert.Equal("--", TimeFormat.Age(0, DateTimeOffset.UnixEpoch.AddYears(56)));
    }
}
