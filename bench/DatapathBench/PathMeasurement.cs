namespace WifiBridge.Bench.Datapath;

/// <summary>One measured round over one forwarding path, with the evidence that the path was what it claims:
/// <paramref name="ConntrackEntriesCreated"/> (new entries in the guest's conntrack table during the
/// measurement: 0 for plain routing) and <paramref name="LinkSettings"/> (MTU and GSO/GRO/TSO limits of
/// every link on the path: identical for all paths).</summary>
public sealed record PathMeasurement(
    ForwardingPath Path, int Round, double ThroughputBitsPerSecond, double AverageRttMicroseconds,
    int ConntrackEntriesCreated, string LinkSettings);
