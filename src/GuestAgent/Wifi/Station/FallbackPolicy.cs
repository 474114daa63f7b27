namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// When the network the station holds to counts as lost for good (<see cref="SavedNetworkFallback"/>):
/// after <paramref name="Scans"/> completed scans without joining it, or <paramref name="MaxWait"/>
/// without a connection, whichever comes first; checked on events and every <paramref name="Tick"/>.
/// Three scans take about 10 s on real hardware, about a minute in the software-emulated lab.
/// </summary>
public sealed record FallbackPolicy(int Scans, TimeSpan MaxWait, TimeSpan Tick)
{
    public static FallbackPolicy Default { get; } = new(3, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(5));
}
