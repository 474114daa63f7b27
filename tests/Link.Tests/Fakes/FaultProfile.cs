namespace WifiBridge.Link.Tests.Fakes;

/// <summary>Fault rates (0..1, per write) of a <see cref="FaultInjectingChannel"/>.</summary>
public sealed record FaultProfile
{
    public double Drop { get; init; }
    public double Corrupt { get; init; }
    public double Duplicate { get; init; }
    public double Split { get; init; }
    public double Delay { get; init; }
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    public static FaultProfile None { get; } = new();

    public static FaultProfile Lossy { get; } = new() { Drop = 0.02, Corrupt = 0.02, Duplicate = 0.02, Split = 0.3, Delay = 0.05 };
}
