using WifiBridge.GuestAgent.Uplink;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>The agent's real datapath classes, wired as AddGuestUplink does, running inside the lab's guest namespace.</summary>
public sealed class DatapathUnderTest : IAsyncDisposable
{
    public DatapathUnderTest(NetnsLab lab, AgentOptions? options = null, bool removeOnDispose = true, ICommandRunner? runner = null, UplinkTools? tools = null)
    {
        _removeOnDispose = removeOnDispose;
        Options = options ?? lab.AgentOptions;
        runner ??= lab.GuestRunner;
        tools ??= lab.Tools;
        Leases = new UplinkLeaseTracker(runner, tools, Options, LeaseLog);
        Datapath = new UplinkDatapath(runner, tools, Options, Leases, DatapathLog);
        Datapath.StatusChanged += s => StatusEvents.Enqueue(s);
    }

    private readonly bool _removeOnDispose;

    public AgentOptions Options { get; }
    public ListLogger<UplinkLeaseTracker> LeaseLog { get; } = new();
    public ListLogger<UplinkDatapath> DatapathLog { get; } = new();
    public UplinkLeaseTracker Leases { get; }
    public UplinkDatapath Datapath { get; }
    public System.Collections.Concurrent.ConcurrentQueue<WifiBridge.Protocol.V1.UplinkStatus> StatusEvents { get; } = new();

    /// <summary>Errors logged by the datapath or the lease tracker (a functional test fails on any unexpected one).</summary>
    public IEnumerable<string> Errors => LeaseLog.Errors.Concat(DatapathLog.Errors);

    public async ValueTask DisposeAsync()
    {
        if (_removeOnDispose)
            try { await Datapath.RemoveAsync(CancellationToken.None).WithTimeout(); } catch (Exception) { /* lab teardown removes the rest */ }
        try { await Leases.ReleaseAsync(CancellationToken.None).WithTimeout(); } catch (Exception) { }
        await Datapath.DisposeAsync();
    }
}
