namespace WifiBridge.Bench.Datapath;

/// <summary>One measured round over one forwarding path.</summary>
public sealed record PathMeasurement(string Path, double ThroughputBitsPerSecond, double AverageRttMicroseconds);
