using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Tests.Fakes;

/// <summary>What the fake wbhostd answers, and what it received. One per test class (per fake daemon).</summary>
public sealed class FakeHostState
{
    /// <summary>When set, every RPC fails with this status.</summary>
    public Status? Failure { get; set; }
    /// <summary>When set, unary RPCs wait this long before answering (deadline tests).</summary>
    public TimeSpan Delay { get; set; }

    public HostStatus Status { get; set; } = Scenario.ConnectedStatus();
    public ScanResponse Scan { get; set; } = Scenario.Scan();
    public List<ConnectProgress> ConnectReplies { get; set; } = Scenario.ConnectSucceeds();
    public ListNetworksResponse Networks { get; set; } = Scenario.Networks();
    public List<SignalSample> SignalReplies { get; set; } = Scenario.SignalHistory();
    public VmStatus Vm { get; set; } = Scenario.RunningVm();
    public DoctorReport Doctor { get; set; } = Scenario.Doctor();
    public List<ResumeProgress> ResumeReplies { get; set; } = Scenario.Resume();
    public VmLogsResponse Logs { get; set; } = Scenario.Logs();

    /// <summary>When true, WatchSignal ends after its samples (else it stays open like a live stream).</summary>
    public bool EndSignalStream { get; set; }

    public List<HostConnectRequest> ConnectRequests { get; } = [];
    public List<ScanRequest> ScanRequests { get; } = [];
    public List<RoamRequest> RoamRequests { get; } = [];
    public List<UpdateNetworkRequest> UpdateRequests { get; } = [];
    public List<NetworkRef> ForgetRequests { get; } = [];
    public List<string> VmCalls { get; } = [];
}
