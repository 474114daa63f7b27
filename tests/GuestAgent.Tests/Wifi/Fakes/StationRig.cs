using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.GuestAgent.Wifi.Supplicant;

namespace WifiBridge.GuestAgent.Tests.Wifi.Fakes;

/// <summary>The station's domain classes wired to a <see cref="FakeWpaControl"/>.</summary>
public sealed class StationRig : IDisposable
{
    public FakeWpaControl Wpa { get; } = new();
    public StationInterface Interface { get; } = new() { Name = "wlan0" };
    public StationControl Control { get; }
    public StationLock Lock { get; } = new();
    public KnownNetworks Networks { get; }
    public StationScanner Scanner { get; }
    public StationStatusReader Status { get; }
    public StationConnector Connector { get; }
    public UplinkLeaseTracker Lease { get; }
    public FakeUplinkCommands Commands { get; }
    public StationSnapshot Snapshot { get; } = new();
    public string RuntimeDirectory { get; } = Directory.CreateTempSubdirectory("wbw-rig-").FullName;

    public StationRig()
    {
        Commands = new FakeUplinkCommands(RuntimeDirectory);
        Lease = new UplinkLeaseTracker(Commands, new UplinkTools(), new AgentOptions { RuntimeDirectory = RuntimeDirectory }, TestLoggers.For<UplinkLeaseTracker>());
        Control = new StationControl(Wpa, Interface);
        Networks = new KnownNetworks(Control, Lock, TestLoggers.For<KnownNetworks>());
        Scanner = new StationScanner(Control, TestLoggers.For<StationScanner>());
        Status = new StationStatusReader(Control, Lease);
        Connector = new StationConnector(Control, Networks, Scanner, Status, Lease, Lock, Snapshot, TestLoggers.For<StationConnector>());
    }

    public void Dispose()
    {
        try { Lease.ReleaseAsync(CancellationToken.None).GetAwaiter().GetResult(); } catch (Exception) { }
        Directory.Delete(RuntimeDirectory, recursive: true);
    }
}
