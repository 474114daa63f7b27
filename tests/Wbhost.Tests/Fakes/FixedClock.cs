namespace WifiBridge.Cli.Tests.Fakes;

/// <summary>The CLI's clock frozen at <see cref="Scenario.Now"/>, in UTC, so ages and times in golden files are stable.</summary>
public sealed class FixedClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => Scenario.Now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
