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
            return ((int)age.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        if (age.TotalMinutes < 60)
            return $"{(int)age.TotalMinutes}m{age.Seconds:00}s";
        if (age.TotalHours < 48)
            return $"{(int)age.TotalHours}h{age.Minutes:00}m";
        return $"{(int)age.TotalDays}d{age.Hours:00}h";
    }

    public static string ClockTime(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string DateTime(long unixMs) => unixMs <= 0
        ? "never"
        : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
