using System.Collections.Concurrent;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>What the fake guest answers, and what it was asked (for assertions).</summary>
public sealed class FakeGuestState
{
    public GuestInfo Info { get; set; } = new()
    {
        AgentVersion = "0.1.0", ApiMajor = 1, ApiMinor = 0, BootId = "boot-1", InstanceId = "instance-1",
        Kernel = "6.1.0-fake", Channel = "virtio-console", WirelessInterfaces = { "wlan0" }, MemoryTotalKb = 250000,
    };

    public UplinkStatus Uplink { get; set; } = new()
    {
        RequestedMode = UplinkMode.Nat, ActiveMode = UplinkMode.Nat, EthInterface = "eth0", EthSubnetCidr = "10.77.0.0/24",
        GuestAddress = "10.77.0.1", HostAddress = "10.77.0.2", DnsServers = { "192.168.1.1" }, ForwardingActive = true,
    };

    public ConnectOutcome ConnectOutcome { get; set; } = ConnectOutcome.Connected;

    public LinkState State { get; set; } = LinkState.Disconnected;

    public List<Bss> ScanResults { get; } =
    [
        new Bss { Ssid = Google.Protobuf.ByteString.CopyFromUtf8("HomeNet"), SsidDisplay = "HomeNet", Bssid = "02:00:00:00:01:00", FrequencyMhz = 2412, Channel = 1,
                  Band = Band._24Ghz, SignalDbm = -40, Security = Security.Wpa2Psk },
    ];

    public ConcurrentQueue<ApplyNetworksRequest> ApplyCalls { get; } = new();
    public ConcurrentQueue<UplinkConfig> UplinkCalls { get; } = new();
    public ConcurrentQueue<ConnectRequest> ConnectCalls { get; } = new();
    public int GetInfoCalls;

    /// <summary>Link sessions the fake accepted on its port socket (one per host (re)connect).</summary>
    public int Connections;

    /// <summary>When set, ConfigureUplink / ApplyNetworks answer with this status (an application error).</summary>
    public Grpc.Core.Status? ConfigureUplinkFailure { get; set; }

    public Grpc.Core.Status? ApplyNetworksFailure { get; set; }
}
