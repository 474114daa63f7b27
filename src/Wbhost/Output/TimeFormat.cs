using System.Globalization;

namespace WifiBridge.Cli.Output;

/// <summary>Timestamps and ages, relative to the CLI's clock (so tests can fix it).</summary>
internal static class TimeFormat
{
    public static string Age(long unixMs, DateTimeOffset now)
    {
        if (unixMs <= 0)
            return "--";
        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        if (age.TotalSeconds < 60)
            return Digits.Of((int)age.TotalSeconds) + "s";
        if (age.TotalMinutes < 60)
            return Digits.Of((int)age.TotalMinutes) + "m" + Digits.Two(age.Seconds) + "s";
        if (age.TotalHours < 48)
            return Digits.Of((int)age.TotalHours) + "h" + Digits.Two(age.Minutes) + "m";
        return Digits.Of((int)age.TotalDays) + "d" + Digits.Two(age.Hours) + "h";
    }

    public static string ClockTime(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string DateTime(long unixMs) => unixMs <= 0
        ? "never"
        : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
